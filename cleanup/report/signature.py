"""The signature of the settings that produced a report (sacrebleu-style).

``cleanup:0.1.0|opencc:1.1.9|sacrebleu:2.6.0|opencc-config:…|target:zh-Hans|
rules:EN201,ZH201,…|glossary:sha256:…|passes:8``

Two reports with the same signature were made by the same code, the same
rule selection and the same glossary bytes, so their change ids can be
compared; ``cleanup apply`` refuses decisions whose signature differs from
what the current installation would produce.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from ..core.settings import Settings


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


def enabled_rule_codes(settings: Settings) -> list[str]:
    """The codes a :class:`~cleanup.core.pipeline.Cleaner` with these settings runs."""
    from ..core.rules import all_rules, expand_codes

    registry = all_rules()
    if settings.select:
        chosen = expand_codes(settings.select)
    else:
        chosen = {code for code, rule in registry.items() if getattr(rule, "default_enabled", True)}
    if settings.ignore:
        chosen -= expand_codes(settings.ignore)
    return sorted(chosen)


def opencc_config(settings: Settings, codes: list[str]) -> str:
    """The OpenCC configuration(s) the enabled script rules use.

    A rule may say which with a class attribute ``opencc_config`` (a string
    or a tuple); otherwise the target names it (the source variant is chosen
    per document by round trip).
    """
    from ..core.rules import all_rules

    registry = all_rules()
    names: list[str] = []
    for code in codes:
        value = getattr(registry[code], "opencc_config", None)
        if callable(value):
            value = value(settings)
        if isinstance(value, str):
            names.append(value)
        elif value:
            names.extend(str(v) for v in value)
    if not names:
        if not any(code.startswith(("ZH2", "ZH3")) for code in codes):
            return "none"
        return f"auto->{settings.target}"
    return ",".join(dict.fromkeys(names))


def glossary_hash(settings: Settings) -> str:
    """The glossary's fingerprint: sha256 over the names and bytes of the files the run loads."""
    from ..glossary.load import fingerprint

    return fingerprint(settings.glossary)


def signature_parts(settings: Settings) -> dict[str, str]:
    from .. import __version__

    codes = enabled_rule_codes(settings)
    parts = {
        "cleanup": __version__,
        "opencc": package_version("opencc"),
        "sacrebleu": package_version("sacrebleu"),
        "opencc-config": opencc_config(settings, codes),
        "target": settings.target,
        "rules": ",".join(codes) or "none",
        "glossary": glossary_hash(settings),
        "passes": str(settings.max_passes),
    }
    if settings.options:
        canonical = json.dumps(dict(settings.options), sort_keys=True, ensure_ascii=False, default=str)
        parts["options"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    return parts


def settings_signature(settings: Settings) -> str:
    return "|".join(f"{k}:{v}" for k, v in signature_parts(settings).items())


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The settings as JSON data (``cleanup apply`` rebuilds them from the report)."""
    return {
        "target": settings.target,
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "glossary": list(settings.glossary),
        "max_passes": settings.max_passes,
        "options": {k: v for k, v in settings.options},
    }


def settings_from_dict(data: dict[str, Any]) -> Settings:
    def freeze(value: Any) -> Any:
        return tuple(freeze(v) for v in value) if isinstance(value, list) else value

    return Settings(
        target=data.get("target", "zh-Hans"),
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        glossary=tuple(data.get("glossary", ())),
        max_passes=int(data.get("max_passes", 8)),
        options=tuple(sorted((k, freeze(v)) for k, v in (data.get("options") or {}).items())),
    )
