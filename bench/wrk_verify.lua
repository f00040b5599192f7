-- wrk script for bench/http.sh: GET /api/v1/public/certificates/{number}?code=... over every certificate of
-- the file given after `--` (`NUMBER CODE` per line); each wrk thread starts at a different place in the list.
local threads = 0
function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do
    local number, code = line:match("^(%S+)%s+(%S+)$")
    if number then
      paths[#paths + 1] = "/api/v1/public/certificates/" .. number .. "?code=" .. code
    end
  end
  assert(#paths > 0, "no certificates in " .. args[1])
  i = (thread_index or 0) * 7919 % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
