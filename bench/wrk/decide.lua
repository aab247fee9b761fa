-- wrk -s bench/wrk/decide.lua: POST /v1/decide with a 3-party export (key from $REDFLAG_KEY).
wrk.method = "POST"
wrk.body = [[{"type":"export","date":"2024-03-01","destination":"CN",
 "parties":[{"role":"exporter","name":"Acme Sensors Inc.","country":"US"},
            {"role":"ultimate_consignee","name":"Hangzhou Hikvision Digital Technology Co., Ltd.","country":"CN"},
            {"role":"forwarding_agent","name":"Northwind Logistics Ltd","country":"HK"}],
 "items":[{"description":"thermal imaging module","eccn":"6A003.b.4","origin":"US"}]}]]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("REDFLAG_KEY")

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
