-- GET with the bearer token from RITME_TOKEN.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RITME_TOKEN")
