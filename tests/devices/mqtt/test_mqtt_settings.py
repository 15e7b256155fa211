"""Broker settings: validated when built, secrets kept out of logs."""

from __future__ import annotations

import pytest

from wms_desktop.devices.mqtt import MqttSettings


def test_the_client_id_comes_from_the_workstation_and_the_password_stays_out_of_repr() -> None:
    settings = MqttSettings(
        host="127.0.0.1", workstation_id="PACK-01", username="wms", password="s3cret"
    )
    assert settings.client_id == "wms-desktop-PACK-01"
    assert "s3cret" not in repr(settings)


@pytest.mark.parametrize(
    "overrides",
    [
        {"host": ""},
        {"workstation_id": ""},
        {"workstation_id": "desk 1"},  # brokers differ on what a client id may hold
        {"workstation_id": "x" * 41},
        {"port": 0},
        {"port": 65536},
        {"ca_file": "/etc/ssl/ca.pem"},  # only with tls on
        {"password": "s3cret"},  # without a username
        {"keepalive_s": 0},
        {"reconnect_min_delay_s": 0},
        {"reconnect_min_delay_s": 5, "reconnect_max_delay_s": 1},
    ],
)
def test_inconsistent_settings_are_refused(overrides: dict[str, object]) -> None:
    options: dict[str, object] = {"host": "127.0.0.1", "workstation_id": "PACK-01", **overrides}
    with pytest.raises(ValueError):
        MqttSettings(**options)  # type: ignore[arg-type]
