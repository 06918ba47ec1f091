-- GET a web page with the session cookie from RITME_COOKIE ("name=value").
wrk.headers["Cookie"] = os.getenv("RITME_COOKIE")
wrk.headers["Accept-Language"] = "nl-NL,nl;q=0.9"
