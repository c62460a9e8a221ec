"""The handbook's configuration as a Sphinx setting: conf.py declares it, extensions read it."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

from build_tools.config import Edition, HandbookConfig

CONFIG_VALUE = "handbook_config"


def handbook_config(config: Config) -> HandbookConfig:
    """The languages, editions and variants this Sphinx project builds (from its conf.py)."""
    value: HandbookConfig = config[CONFIG_VALUE]
    return value


def edition_for_tags(config: HandbookConfig, tags: Tags) -> Edition | None:
    """The edition whose Sphinx tag is set for this build, if any."""
    for edition in config.editions.values():
        if tags.has(edition.tag):
            return edition
    return None


def _require_config(app: Sphinx, config: Config) -> None:
    if not isinstance(config[CONFIG_VALUE], HandbookConfig):
        raise ConfigError(f"{app.confdir}/conf.py does not set {CONFIG_VALUE}; add "
                          f"`from build_tools.config import project_config` and "
                          f"`{CONFIG_VALUE} = project_config()`")


def setup(app: Sphinx) -> dict:
    # Every document reads it (the source language, the edition): a change rereads all.
    app.add_config_value(CONFIG_VALUE, None, "env", types=(HandbookConfig,),
                         description="the handbook's languages, editions and PDF variants")
    app.connect("config-inited", _require_config)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
