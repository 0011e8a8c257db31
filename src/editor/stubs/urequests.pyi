"""Old name of the `requests` HTTP client."""

from requests import *
from requests import Response as Response
