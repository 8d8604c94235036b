"""The font subsetter's arrays (render/cffi_arrays.py): the same arrays, without a type parsed for every length."""

from __future__ import annotations

import pytest

from calendar_build.render import cffi_arrays, pdf  # noqa: F401 - pdf installs the ffi into WeasyPrint


@pytest.mark.parametrize("values", [[7], [3, 1, 4, 1, 5], list(range(1000))])
def test_an_array_of_given_values_is_the_sized_array(values: list[int]) -> None:
    from weasyprint.text.ffi import ffi  # noqa: PLC0415

    sized = ffi.new(f"hb_codepoint_t[{len(values)}]", values)
    opened = cffi_arrays.OpenArrays(ffi).new(f"hb_codepoint_t[{len(values)}]", values)
    assert ffi.typeof(opened) == ffi.typeof("hb_codepoint_t[]")
    assert list(opened) == list(sized) == values and ffi.sizeof(opened) == ffi.sizeof(sized)


def test_new_lengths_parse_no_new_type() -> None:
    from weasyprint.pdf import fonts  # noqa: PLC0415

    assert isinstance(fonts.ffi, cffi_arrays.OpenArrays)
    fonts.ffi.new("hb_codepoint_t[2]", [1, 2])
    parsed = len(fonts.ffi._parsed_types)
    for length in range(3, 40):
        fonts.ffi.new(f"hb_codepoint_t[{length}]", list(range(length)))
    assert len(fonts.ffi._parsed_types) == parsed


@pytest.mark.parametrize(("cdecl", "init"), [("hb_codepoint_t[4]", None), ("hb_codepoint_t[4]", [1, 2]),
                                              ("hb_codepoint_t *", None)])
def test_anything_else_goes_to_cffi_as_it_is(cdecl: str, init: list[int] | None) -> None:
    from weasyprint.text.ffi import ffi  # noqa: PLC0415

    assert ffi.typeof(cffi_arrays.OpenArrays(ffi).new(cdecl, init)) == ffi.typeof(cdecl)
