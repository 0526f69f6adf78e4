# socialrx serve: the catalogue as an Open Referral UK / HSDS 3.0 API (see docs/serve.md).
#
#   docker build -t socialrx-serve .
#   docker run --rm -p 8000:8000 -v "$PWD/assets:/catalogue:ro" socialrx-serve
#
# The catalogue is mounted read-only at /catalogue; nothing else is read or written.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /opt/socialrx
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
RUN pip install ".[serve]" && rm -rf /opt/socialrx/src

# An unprivileged user with no home directory and no shell.
RUN useradd --system --no-create-home --shell /usr/sbin/nologin socialrx
USER socialrx

# Some container filesystems send no change events: poll for catalogue edits instead.
ENV WATCHFILES_FORCE_POLLING=true
# X-Forwarded-* headers are trusted from these addresses only (your reverse proxy).
ENV FORWARDED_ALLOW_IPS=127.0.0.1

EXPOSE 8000
VOLUME ["/catalogue"]
HEALTHCHECK --interval=30s --timeout=5s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4)"
CMD ["socialrx", "serve", "/catalogue", "--host", "0.0.0.0", "--port", "8000"]
