-- tests/bench/post.lua — wrk script: the same urlencoded POST every time
-- (run.sh: the partner search of the project form, which reads only).
--
--   wrk ... -s post.lua URL -- BODY COOKIE ORIGIN
--
-- BODY: a file with the urlencoded form; COOKIE: the session cookie;
-- ORIGIN: the Origin header the same-origin check wants.

function init(args)
	local f = assert(io.open(args[1], "rb"))
	local body = f:read("*a"):gsub("%s+$", "")
	f:close()
	wrk.method = "POST"
	wrk.body = body
	wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
	wrk.headers["Cookie"] = args[2]
	wrk.headers["Origin"] = args[3]
end
