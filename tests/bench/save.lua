-- tests/bench/save.lua — wrk script for the form-save benchmark (run.sh).
--
--   wrk ... -s save.lua URL -- IDS BODY COOKIE ORIGIN PATH
--
-- IDS: lines "id version" or "id version body" (the records to save, their
-- current version, and the record's own form); BODY: the urlencoded form
-- with @V@ where the version goes, for the lines without one; PATH: the
-- action with @ID@ where the id goes. Each wrk thread saves its own share
-- of the records in turn and counts the version up itself (every save
-- that succeeds increments it), so no two requests in flight carry the
-- same record and a save fails only on a real error.

local threads = 0

function setup(thread)
	thread:set("tid", threads)
	threads = threads + 1
end

function init(args)
	local all = {}
	for line in io.lines(args[1]) do
		local id, v, b = line:match("^(%d+)%s+(%d+)%s*(%S*)")
		if id then
			all[#all + 1] = { id = id, v = tonumber(v), body = b ~= "" and b or nil }
		end
	end
	local f = assert(io.open(args[2], "rb"))
	body = f:read("*a"):gsub("%s+$", "")
	f:close()
	cookie, origin, path = args[3], args[4], args[5]
	local n = tonumber(args[6]) or 1
	mine = {}
	for i, r in ipairs(all) do
		if (i - 1) % n == tid then mine[#mine + 1] = r end
	end
	k = 0
	-- wrk calls request() once on thread 0 to check the script, and
	-- discards what it returns: that call must not use up a version.
	verify_call = tid == 0
	headers = {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = cookie,
		["Origin"] = origin,
	}
end

function request()
	if verify_call then
		verify_call = false
		return wrk.format("GET", "/healthz")
	end
	k = k % #mine + 1
	local r = mine[k]
	local b = (r.body or body):gsub("@V@", tostring(r.v))
	r.v = r.v + 1
	return wrk.format("POST", (path:gsub("@ID@", r.id)), headers, b)
end
