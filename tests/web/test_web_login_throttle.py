"""Log-in to an account pauses after five wrong passwords within fifteen minutes, and only to it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from kurultai.web.accounts import throttle
from kurultai.web.accounts.models import FailedLogin
from web_factories import PASSWORD, make_committee

pytestmark = pytest.mark.django_db


def _log_in(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _logged_in(client: Client) -> bool:
    return client.get(reverse("accounts:me")).status_code == 200


@pytest.fixture
def people():
    return make_committee("osh", 2)[1]


def test_five_wrong_passwords_pause_the_account_even_for_the_right_one(people):
    member, other = people
    client = Client()
    for _ in range(throttle.ATTEMPTS):
        response = _log_in(client, member.username, "not the password")
        assert b"paused" not in response.content
    response = _log_in(client, member.username.upper(), PASSWORD)  # usernames are case-folded
    assert response.status_code == 200 and b"log-in to it is paused for up to 15 minutes" in response.content
    assert not _logged_in(client)
    # another account is not paused
    assert _log_in(Client(), other.username, PASSWORD).status_code == 302


def test_the_pause_ends_after_the_window_and_a_log_in_clears_the_count(people):
    member, _ = people
    for _ in range(throttle.ATTEMPTS):
        _log_in(Client(), member.username, "wrong")
    FailedLogin.objects.update(at=FailedLogin.objects.first().at - throttle.WINDOW - timedelta(seconds=1))
    client = Client()
    assert _log_in(client, member.username, PASSWORD).status_code == 302 and _logged_in(client)
    assert not FailedLogin.objects.filter(username=member.username.casefold()).exists()


def test_four_wrong_passwords_then_the_right_one_let_the_member_in(people):
    member, _ = people
    for _ in range(throttle.ATTEMPTS - 1):
        _log_in(Client(), member.username, "wrong")
    client = Client()
    assert _log_in(client, member.username, PASSWORD).status_code == 302 and _logged_in(client)
    assert FailedLogin.objects.count() == 0


def test_old_failures_of_every_account_are_forgotten(people):
    member, other = people
    _log_in(Client(), other.username, "wrong")
    FailedLogin.objects.update(at=FailedLogin.objects.get().at - throttle.WINDOW - timedelta(minutes=1))
    _log_in(Client(), member.username, "wrong")
    assert list(FailedLogin.objects.values_list("username", flat=True)) == [member.username.casefold()]


def test_the_pause_is_explained_in_the_members_language(people):
    member, _ = people
    client = Client()
    client.post(reverse("set_language"), {"language": "ru", "next": reverse("accounts:login")})
    for _ in range(throttle.ATTEMPTS + 1):
        response = _log_in(client, member.username, "wrong")
    assert "вход в неё приостановлен на срок до 15 минут" in response.content.decode()


def test_the_admin_log_in_counts_against_the_same_pause(people):
    member, _ = people
    member.is_staff = True
    member.save()
    for _ in range(throttle.ATTEMPTS):
        Client().post("/admin/login/", {"username": member.username, "password": "wrong"})
    response = Client().post("/admin/login/", {"username": member.username, "password": PASSWORD})
    assert response.status_code == 200 and b"log-in to it is paused" in response.content
    assert _log_in(Client(), member.username, PASSWORD).status_code == 200  # paused here too
