"""Plain conversion of simple CLI parameter types, sparing each run typer's pydantic validators."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Typer (>= 0.26) converts every parameter value through a pydantic TypeAdapter built on each run:
# importing pydantic and building a dozen adapters costs ~60 ms, as much as the rest of `newsreader show`.
# Our parameters are str, int, bool, Path and list[str], which need no validation library; for exactly
# those (no custom parser, no min/max) this converts directly, with messages of our own; anything
# else still goes to typer. The typer versions this is known to fit are pinned in pyproject.toml, and
# tests/test_coercion.py fails loudly when the patch does not apply (install() then returns False and
# typer works as before, only slower), so an upgrade can never silently change how options parse.
# The messages say what is accepted, for a one-line error naming the option (cli/help.py).
_BOOLS = {"1": True, "true": True, "t": True, "yes": True, "y": True, "on": True}
_BOOLS.update({"0": False, "false": False, "f": False, "no": False, "n": False, "off": False})


def _convert(annotation: Any, value: Any) -> Any:
    if annotation is str:
        return value if isinstance(value, str) else str(value)
    if annotation is Path:
        return value if isinstance(value, Path) else Path(value)
    if annotation is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _BOOLS:
            return _BOOLS[value.strip().lower()]
        raise ValueError(f"{value!r} is not yes/no (use true, false, yes, no, 1 or 0)")
    if annotation is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValueError(f"{value!r} is not a whole number (e.g. 20)") from None
    raise TypeError(annotation)  # pragma: no cover - only simple annotations reach here


def install() -> bool:
    """Route simple parameters of every typer command to the plain converter; whether that is in place."""
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter
        from typer._typing import get_args, get_origin
    except ImportError:  # pragma: no cover - a typer without these internals keeps its own coercion
        return False
    original = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if original is None or base is None:
        return False
    if getattr(original, "_newsreader_plain", False):
        return True

    class PlainRuntimeParam(base):  # type: ignore[misc, valid-type]
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.annotation == list[str]:
                    items = value if isinstance(value, list | tuple) else [value]
                    return [_convert(str, item) for item in items]
                return _convert(self.annotation, value)
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    def simple(descriptor: Any) -> bool:
        info = descriptor.parameter_info
        annotation = descriptor.annotation
        if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
            return False
        if getattr(info, "click_type", None) is not None:
            return False
        if getattr(info, "min", None) is not None or getattr(info, "max", None) is not None:
            return False
        if annotation is Path:
            # exists=, resolve_path=, dir_okay=... need typer's checks; a bare Path does not.
            checks = ("exists", "resolve_path", "writable", "allow_dash")
            return (
                not any(getattr(info, k, False) for k in checks)
                and getattr(info, "file_okay", True)
                and getattr(info, "dir_okay", True)
            )
        if annotation in (str, int, bool):
            return True
        return get_origin(annotation) is list and get_args(annotation) == (str,)

    def build_runtime_param(descriptor: Any) -> Any:
        if simple(descriptor):
            return PlainRuntimeParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        return original(descriptor)

    build_runtime_param._newsreader_plain = True  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param  # type: ignore[attr-defined]
    return True
