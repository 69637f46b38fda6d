-- wrk script: requests the paths listed (one a line) in the file named by $PATHS, in turn,
-- each thread starting at a different place, so that no one URL is measured over and over.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local next_index = 1

function setup(thread)
  thread:set("offset", math.random(#paths))
end

function init(args)
  next_index = (offset or 1)
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end
