-- wrk script: every request a search no other request of the run has made: two
-- random words from the file named by WORDS_FILE and a number of its own.
local words = {}
for line in io.lines(os.getenv("WORDS_FILE")) do
  words[#words + 1] = line
end
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  math.randomseed(os.time() + id)
end
local sent = 0
request = function()
  sent = sent + 1
  local first, second = words[math.random(#words)], words[math.random(#words)]
  return wrk.format("GET", "/search/?q=" .. first .. "+" .. second .. "+" .. id .. "n" .. sent)
end
