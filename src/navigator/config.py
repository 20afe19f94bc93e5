"""Site settings: a TOML file in the user config folder, overridden by NAVIGATOR_* variables."""

from __future__ import annotations

import base64
import re
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from navigator.domain.handoff import DEFAULT_CLIENT_REF_PATTERN
from navigator.domain.locating import us_zip, zip_place
from navigator.domain.names import check_safe_name
from navigator.enrollment_file import read_enrollment
from navigator.errors import NavigatorError, validation_problem
from navigator.locations import config_file, enrollment_file


class Settings(BaseSettings):
    """What a site lead can set once per laptop."""

    model_config = SettingsConfigDict(env_prefix="NAVIGATOR_", extra="ignore")

    site_name: str = "Community resource desk"
    """Shown in the header and on referral slips."""
    site_id: str | None = None
    """Identifies this site's records at the hub; made once per database when unset."""
    timezone: str | None = None
    """IANA zone of the site (e.g. America/New_York); the laptop's own zone when unset."""
    site_latitude: float | None = Field(default=None, ge=-90, le=90)
    """Where the desk is, for distances to services."""
    site_longitude: float | None = Field(default=None, ge=-180, le=180)
    """Where the desk is, for distances to services."""
    site_postal_code: str | None = None
    """The desk's US ZIP code, for distances when latitude and longitude are not set."""
    search_radius_km: float = Field(default=40.0, gt=0)
    """Services farther than this from the desk are listed after the near ones."""
    hub_url: str | None = None
    """PostgreSQL URL of the coordinating agency's hub."""
    idle_lock_minutes: float = Field(default=5, gt=0)
    """Minutes without a key press before the screen locks."""
    retention_days: int = Field(default=30, ge=1)
    """Days an acknowledged handoff stays on the laptop."""
    hub_public_key: str | None = None
    """The hub's public key (base64); when set, client reference and note are sealed to it."""
    hub_verify_key: str | None = None
    """The hub's verify key (base64): return files and catalogues must carry its signature."""
    hub_connect_timeout_s: int = Field(default=10, ge=1, le=600)
    """Seconds to wait for the hub to accept a connection."""
    hub_statement_timeout_s: int = Field(default=60, ge=1, le=3600)
    """Seconds one hub statement may run before the hub cancels it."""
    hub_lock_timeout_s: int = Field(default=10, ge=1, le=600)
    """Seconds to wait for a hub table another session has locked."""
    site_signing_key: SecretStr | None = None
    """This site's private signing key for bundles; set by `navigator site join`, never by hand."""
    client_ref_pattern: str = DEFAULT_CLIENT_REF_PATTERN
    """Client references must match this regular expression (by default codes like AB-1042)."""
    phone_region: str = "US"
    """Country (ISO code) of phone numbers written without +; the personal-data check uses it."""
    site_phone: str | None = None
    """The desk's own phone number, printed on referral slips for questions."""
    language: str = "en"
    """Language of the desk and the default language of slips ("en", "es")."""
    slip_after_handoff: bool = False
    """Open the referral slip right after every saved handoff."""

    @field_validator("client_ref_pattern")
    @classmethod
    def _pattern_compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from exc
        return value

    @field_validator("phone_region")
    @classmethod
    def _region_shape(cls, value: str) -> str:
        if not (len(value.strip()) == 2 and value.strip().isalpha()):
            raise ValueError("must be a two-letter country code such as US")
        return value.strip().upper()

    @field_validator("hub_public_key", "hub_verify_key")
    @classmethod
    def _key_shape(cls, value: str | None) -> str | None:
        if value is not None and value.strip():
            try:
                raw = base64.b64decode(value.strip(), validate=True)
            except ValueError:
                raw = b""
            if len(raw) != 32:
                raise ValueError("must be 32 bytes in base64, exactly as the hub gave it")
            return value.strip()
        return None

    @field_validator("site_postal_code")
    @classmethod
    def _zip_code(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not value.strip():
            return None
        code = us_zip(value)
        if code is None:
            raise ValueError(f"'{value}' is not a US ZIP code (five digits, such as 33130)")
        # Checked here, so the app and every command refuse it before starting; it
        # costs the ZIP table's first load (about a second) only for a site set by ZIP.
        # The coordinates are declared above, so they are already in info.data.
        uses_zip = info.data.get("site_latitude") is None or info.data.get("site_longitude") is None
        if uses_zip and zip_place(code) is None:
            raise ValueError(f"{code} is not a ZIP code Navigator knows")
        return code

    @field_validator("site_id")
    @classmethod
    def _site_id_shape(cls, value: str | None) -> str | None:
        # It becomes part of file names and of the site's hub role name.
        return None if value is None else check_safe_name(value, "site id")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"'{value}' is not a known time zone") from exc
        return value

    def zone(self) -> tzinfo:
        if self.timezone:
            return ZoneInfo(self.timezone)
        local = datetime.now().astimezone().tzinfo
        assert local is not None
        return local

    @property
    def site_coordinates(self) -> tuple[float, float] | None:
        """The desk's point: its coordinates when both are set, else its ZIP code's centre."""
        if self.site_latitude is not None and self.site_longitude is not None:
            return self.site_latitude, self.site_longitude
        place = zip_place(self.site_postal_code) if self.site_postal_code else None
        return (place.latitude, place.longitude) if place else None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # A joined site's enrollment beats the environment: its site id (and the hub role
        # tied to it) cannot be switched by NAVIGATOR_SITE_ID.
        return (
            init_settings,
            EnrollmentSource(settings_cls),
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=config_file()),
        )


class EnrollmentSource(PydanticBaseSettingsSource):
    """Settings from the enrollment file `navigator site join` stored, when there is one."""

    FIELDS = ("site_id", "hub_url", "hub_public_key", "hub_verify_key", "site_signing_key")

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # unused: __call__ returns the whole mapping

    def __call__(self) -> dict[str, Any]:
        path = enrollment_file()
        if not path.exists():
            return {}
        try:
            enrollment = read_enrollment(path)
        except NavigatorError as error:
            raise ValueError(str(error)) from None
        return {name: getattr(enrollment, name) for name in self.FIELDS}


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings, turning a bad file or variable into a message for the user."""
    source = path or config_file()
    try:
        return Settings()
    except ValidationError as exc:
        # The setting's own name, as a lead types it in the file or the variable.
        field, message = validation_problem(exc)
        raise NavigatorError(
            f"{source}: field '{field}': {message}",
            hint="Fix the setting in the config file or the NAVIGATOR_* environment variable.",
        ) from exc
    except ValueError as exc:  # a TOML syntax error
        raise NavigatorError(f"{source}: {exc}") from exc
