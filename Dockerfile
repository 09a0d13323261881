# Two stages: build the virtualenv with compilers available, run with a slim image as a
# non-root user. The commands mirror the Makefile's `run` target.
FROM python:3.12-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.12-slim-bookworm
ENV PATH="/venv/bin:$PATH" PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production PORT=8000
RUN useradd --create-home --uid 10001 primer
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=primer:primer . /app
# collectstatic needs settings that import; these build-time values are never used at run time.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input -v 0
USER primer
EXPOSE 8000
# Only the proxies named in FORWARDED_ALLOW_IPS (your load balancer's addresses) may set
# X-Forwarded-Proto; with '*' anyone reaching the published port could claim https.
CMD ["sh", "-c", "python manage.py migrate --no-input && python manage.py load_content && exec gunicorn primer.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --access-logfile - --forwarded-allow-ips=${FORWARDED_ALLOW_IPS:-127.0.0.1}"]
