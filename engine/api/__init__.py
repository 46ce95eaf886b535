"""The HTTP API (`/api/v1`): evaluation, the rulebook read-only, and the case registry, behind access control.

`create_app` builds the FastAPI application; `netralitas serve` runs it (with the web application) under uvicorn.
"""
