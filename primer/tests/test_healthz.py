import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"db": "ok"}
    assert not response.cookies  # no session, no CSRF cookie


@pytest.mark.django_db
def test_healthz_says_unavailable_and_nothing_more_when_the_database_is_down(client, monkeypatch, caplog):
    from django.db.backends.utils import CursorWrapper

    def refuse(self, sql, params=None):
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"db": "unavailable"}  # no host, socket path or user for whoever asks
    assert response["Retry-After"] == "10"
    assert "Connection refused" in caplog.text  # the reason is in the log


def _database_down(monkeypatch) -> None:
    from django.db.backends.utils import CursorWrapper

    def refuse(self, sql, params=None):
        raise OperationalError('connection to server on socket "/work/.data/postgres/.s.PGSQL.5432" failed')

    monkeypatch.setattr(CursorWrapper, "execute", refuse)


@pytest.mark.django_db
def test_a_page_answers_a_short_503_with_retry_after_while_the_database_is_down(client, monkeypatch):
    client.raise_request_exception = False
    _database_down(monkeypatch)
    response = client.get("/topics/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    assert "briefly unavailable" in body
    assert "Nothing you saved is lost" in body
    assert ".s.PGSQL" not in body


@pytest.mark.django_db
def test_a_save_while_the_database_is_down_gets_the_503_too(user_client, monkeypatch):
    user_client.raise_request_exception = False
    _database_down(monkeypatch)
    response = user_client.post("/progress/topic/sharding/status/", {"status": "done"})
    assert response.status_code == 503


@pytest.mark.django_db
def test_any_other_server_error_is_a_500_page(client, monkeypatch):
    import primer.views

    def broken(request):
        raise RuntimeError("a bug")

    client.raise_request_exception = False
    monkeypatch.setattr(primer.views, "render", lambda *a, **k: broken(None))
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
