"""Importing the ONS Postcode Directory and looking postcodes up."""

import pytest
from django.core.management import CommandError, call_command

from kithkin.core.geo import import_postcodes, locate
from kithkin.core.models import Postcode
from kithkin.demo.places import DATA as SHARED_DATA


def _csv(tmp_path, text):
    path = tmp_path / "onspd.csv"
    path.write_text(text)
    return str(path)


def test_the_fenmere_postcodes_import_and_can_be_looked_up(db, capsys):
    call_command("import-postcodes", str(SHARED_DATA / "postcodes.csv"))
    assert Postcode.objects.count() == 114
    assert locate("fn1 1ad") == (52.3993, 0.2595)
    assert "Imported 114 postcodes" in capsys.readouterr().out


def test_extra_columns_are_ignored_and_a_second_import_moves_postcodes(db):
    import_postcodes(["pcd,pcds,lat,long,oslaua\n", "FN1 1AD,FN1 1AD,52.1,0.2,E07000001\n"])
    result = import_postcodes(["pcds,lat,long\n", "FN1 1AD,52.2,0.3\n", "FN1 1AE,52.3,0.4\n"])
    assert result.imported == 2
    assert locate("FN1 1AD") == (52.2, 0.3)


def test_postcodes_with_no_location_are_skipped_and_bad_rows_reported(db):
    result = import_postcodes([
        "pcds,lat,long\n",
        "FN1 1AD,52.1,0.2\n",
        "FN9 9ZZ,99.999999,0.000000\n",   # ONSPD: terminated, no grid reference
        "NOT A POSTCODE,52.1,0.2\n",
        "FN1 1AE,north,west\n",
        "FN1 1AF,40.0,0.2\n",
    ])
    assert (result.imported, result.skipped) == (1, 1)
    assert [line for line, _ in result.rejected] == [4, 5, 6]
    assert "real postcode" in result.rejected[0][1]
    assert "not numbers" in result.rejected[1][1]
    assert "not in the United Kingdom" in result.rejected[2][1]
    assert locate("FN9 9ZZ") is None and locate("rubbish") is None


def test_a_file_without_the_columns_is_refused_whole(db, tmp_path):
    with pytest.raises(CommandError, match="no lat, long column"):
        call_command("import-postcodes", _csv(tmp_path, "pcds,x,y\nFN1 1AD,1,2\n"))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import-postcodes", str(tmp_path / "missing.csv"))
    assert not Postcode.objects.exists()
