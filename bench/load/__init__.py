"""The load test: Locust against gunicorn and PostgreSQL on loopback (see run.sh)."""
