"""comparator: line up policy articles on the same issue side by side and turn the comparison into a brief."""

from importlib.metadata import PackageNotFoundError, version


def tool_version() -> str:
    """The installed version, or "0+source" when run from a source tree that was never installed."""
    try:
        return version("comparator")
    except PackageNotFoundError:
        return "0+source"
