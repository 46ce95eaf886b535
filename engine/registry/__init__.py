"""The case registry: reports, their verdicts and their follow-up, kept, searchable and counted.

SQLite by default (one file, no set-up), PostgreSQL by URL for a deployment. Service functions live in
`cases`, `verdicts`, `lifecycle`, `search`, `stats`, `export` and `audit`; storage in `db` and `models`.
"""
