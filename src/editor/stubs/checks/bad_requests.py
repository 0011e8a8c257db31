import requests

requests.get()  # error: Argument missing for parameter "url"
requests.get("http://x").status  # error: Cannot access member "status"
