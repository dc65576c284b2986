"""Drives the Sentinel demo with requests-oauthlib, as a Python application would.

Run with Debian's interpreter and packages (/usr/bin/python3, python3-requests-oauthlib). The
settings come from the environment: CLIENT_TEST_BASE (https://localhost:PORT), CLIENT_TEST_CA
(the file of the certificate to trust), CLIENT_TEST_USERNAME, CLIENT_TEST_PASSWORD,
CLIENT_TEST_PUBLIC_ID, CLIENT_TEST_CONFIDENTIAL_ID and CLIENT_TEST_CONFIDENTIAL_SECRET.

Prints one JSON document on stdout: what each step got back, and the shape of every request
the library sent (method, path, status, client authentication, form parameter names). Token
values and secrets are never printed.
"""

import base64
import json
import os
import sys
from urllib.parse import parse_qsl, unquote, urlsplit

import oauthlib
import requests
import requests_oauthlib
from oauthlib.oauth2 import LegacyApplicationClient, OAuth2Error
from requests.auth import HTTPBasicAuth
from requests_oauthlib import OAuth2Session

BASE = os.environ["CLIENT_TEST_BASE"]
CA = os.environ["CLIENT_TEST_CA"]
USERNAME = os.environ["CLIENT_TEST_USERNAME"]
PASSWORD = os.environ["CLIENT_TEST_PASSWORD"]
PUBLIC_ID = os.environ["CLIENT_TEST_PUBLIC_ID"]
CONFIDENTIAL_ID = os.environ["CLIENT_TEST_CONFIDENTIAL_ID"]
CONFIDENTIAL_SECRET = os.environ["CLIENT_TEST_CONFIDENTIAL_SECRET"]
TOKEN_URL = BASE + "/oauth/token"
ENDPOINT = BASE + "/endpoint"

sent = []


def describe_authorization(header):
    """`basic <client_id>` (with `:empty` for an empty secret), `bearer`, or `none`."""
    if header is None:
        return "none"
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return scheme.lower()
    user, _, secret = base64.b64decode(value).decode("utf-8").partition(":")
    return "basic " + unquote(user) + (":empty" if secret == "" else "")


def record(response, *args, **kwargs):
    """A requests response hook: keeps the shape of the request that was sent."""
    request = response.request
    body = request.body or ""
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    sent.append(
        {
            "method": request.method,
            "path": urlsplit(request.url).path,
            "status": response.status_code,
            "authorization": describe_authorization(request.headers.get("Authorization")),
            "params": sorted({name for name, _ in parse_qsl(body)}),
        }
    )


def session(client_id):
    """An OAuth2Session for the password grant (LegacyApplicationClient) that records."""
    oauth = OAuth2Session(client=LegacyApplicationClient(client_id=client_id))
    oauth.hooks["response"].append(record)
    return oauth


def token_summary(token):
    return {
        "token_type": token.get("token_type"),
        "expires_in": token.get("expires_in"),
        "scope": token.get("scope"),
        "has_access_token": bool(token.get("access_token")),
        "has_refresh_token": bool(token.get("refresh_token")),
    }


def failure(call):
    """Runs a call that should fail and returns the OAuth 2.0 error oauthlib raised."""
    try:
        call()
    except OAuth2Error as error:
        return {"error": error.error}
    return {"error": None}


def resource(oauth):
    answer = oauth.get(ENDPOINT, verify=CA)
    return {"status": answer.status_code, "text": answer.text}


def public_client():
    oauth = session(PUBLIC_ID)
    login = oauth.fetch_token(
        TOKEN_URL,
        username=USERNAME,
        password=PASSWORD,
        client_id=PUBLIC_ID,
        include_client_id=True,
        verify=CA,
    )
    first = dict(login)
    # refresh_token() adds no client identification of its own, and Sentinel needs one.
    bare = failure(lambda: oauth.refresh_token(TOKEN_URL, verify=CA))
    # The library's documented way: client_id as an extra body parameter.
    in_body = oauth.refresh_token(TOKEN_URL, client_id=PUBLIC_ID, verify=CA)
    second = dict(in_body)
    # Or HTTP Basic with an empty secret, as fetch_token() itself does by default.
    basic = oauth.refresh_token(TOKEN_URL, auth=HTTPBasicAuth(PUBLIC_ID, ""), verify=CA)
    # The first access token went with its refresh token's rotation.
    old = requests.get(
        ENDPOINT,
        headers={"Authorization": "Bearer " + first["access_token"]},
        hooks={"response": record},
        verify=CA,
    )
    current = resource(oauth)
    # fetch_token()'s default for a client without a secret: HTTP Basic, client_id and "".
    default = session(PUBLIC_ID).fetch_token(
        TOKEN_URL, username=USERNAME, password=PASSWORD, verify=CA
    )
    wrong = failure(
        lambda: session(PUBLIC_ID).fetch_token(
            TOKEN_URL, username=USERNAME, password="not-the-password", verify=CA
        )
    )
    return {
        "login": token_summary(first),
        "refresh_without_client": bare,
        "refresh_client_id_in_body": {
            **token_summary(second),
            "rotated": second["refresh_token"] != first["refresh_token"],
        },
        "refresh_basic_empty_secret": {
            **token_summary(basic),
            "rotated": basic["refresh_token"] != second["refresh_token"],
        },
        "old_access_status": old.status_code,
        "resource": current,
        "default_login": token_summary(default),
        "wrong_password": wrong,
    }


def confidential_client():
    oauth = session(CONFIDENTIAL_ID)
    login = dict(
        oauth.fetch_token(
            TOKEN_URL,
            username=USERNAME,
            password=PASSWORD,
            client_secret=CONFIDENTIAL_SECRET,
            verify=CA,
        )
    )
    auth = HTTPBasicAuth(CONFIDENTIAL_ID, CONFIDENTIAL_SECRET)
    refreshed = oauth.refresh_token(TOKEN_URL, auth=auth, verify=CA)
    return {
        "login": token_summary(login),
        "refresh": {
            **token_summary(refreshed),
            "rotated": refreshed["refresh_token"] != login["refresh_token"],
        },
        "resource": resource(oauth),
    }


def main():
    summary = {
        "versions": {
            "requests_oauthlib": requests_oauthlib.__version__,
            "oauthlib": oauthlib.__version__,
            "requests": requests.__version__,
            "python": sys.version.split()[0],
        },
        "public": public_client(),
        "confidential": confidential_client(),
        "sent": sent,
    }
    json.dump(summary, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
