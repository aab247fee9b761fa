-- wrk -s bench/wrk/screen.lua: POST /v1/screen with one name (key from $REDFLAG_KEY).
wrk.method = "POST"
wrk.body = '{"name":"Hangzhou Hikvision Digital Technology"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("REDFLAG_KEY")

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
