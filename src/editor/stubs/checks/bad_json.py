import json

json.dumps({}, indent=2)  # error: No parameter named "indent"
json.parse("{}")  # error: "parse" is not a known member of module
