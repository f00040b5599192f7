-- wrk script for bench/http.sh: POST /api/v1/applications/{id}/certificate with an Idempotency-Key, each
-- application of the file given after `--` (one id per line) once. Arguments: IDS_FILE COOKIE THREADS. Thread k
-- takes ids k+1, k+1+THREADS, ...; when its share runs out it asks for a route that does not exist, which wrk
-- counts as a non-2xx answer (so a run too long for its ids shows).
local threads = 0
function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

local ids = {}
local next_index, step, cookie
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  cookie = args[2]
  step = tonumber(args[3])
  next_index = (thread_index or 0) + 1
end

function request()
  local id = ids[next_index]
  next_index = next_index + step
  if id == nil then
    return wrk.format("GET", "/api/v1/ids-exhausted")
  end
  return wrk.format("POST", "/api/v1/applications/" .. id .. "/certificate",
    { ["Cookie"] = cookie, ["Idempotency-Key"] = "http-bench-" .. id }, "")
end
