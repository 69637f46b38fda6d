-- wrk script: requests the paths listed (one a line) in the file named by $PATHS, in turn, each
-- thread taking every other one (so no path is asked twice until the list runs out: a list of
-- searches never made before stays that way) and starting at a different place.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local threads = 0
local next_index = 1
local stride = 1

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  stride = tonumber(os.getenv("THREADS") or "2")
  next_index = id or 1
end

function request()
  local path = paths[(next_index - 1) % #paths + 1]
  next_index = next_index + stride
  return wrk.format("GET", path)
end
