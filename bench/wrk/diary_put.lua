-- PUT /api/v1/diary/{day}: durable writes, each request replaces or creates one day's
-- entry of the benchmark person, walking back over 900 days from RITME_LAST_DAY.
local counter = 0
local last_day = os.getenv("RITME_LAST_DAY")  -- seconds since the epoch, UTC midnight
wrk.method = "PUT"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RITME_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"learning_moments": "In het teamoverleg vroeg ik door voordat ik reageerde; dat gaf meer rust en betere afspraken. Ik merkte dat ik de neiging had om snel een oplossing te geven, maar door eerst te luisteren kwam het echte probleem boven.", "handling": "Ik heb het besproken met mijn vaste collega en we hebben afgesproken dat ik dit de komende week drie keer bewust probeer.", "key_learning": "Eerst luisteren, dan pas oplossen.", "tags": ["overleg", "feedback"], "shared_with_peer": false, "minutes": 15}]]

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 450
end

function request()
  offset = (offset or 0) + 1
  local day = os.date("!%Y-%m-%d", tonumber(last_day) - (offset % 900) * 86400)
  return wrk.format(nil, "/api/v1/diary/" .. day)
end
