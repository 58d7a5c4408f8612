"""`workgroup keys …` in a subprocess: the office CA and certificates made without a keyring
(passphrases from files) and with one (nothing asked), a PKCS#12 from elsewhere imported and
signing, and the list of what the office holds."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.cli.support import Cli, assert_user_error
from tests.cli.test_minutes import (
    CHAIR,
    SECRETARY,
    in_process,
    passphrase_file,
    seed_minutes_office,
    without_terminal,
)
from tests.helpers import dump

OFFICE = "Прокуратура Гродненской области"
FOREIGN_CA = "УЦ Министерства юстиции"
P12_PASS = "p12 file passphrase"


def foreign_p12(name: str, secret: str) -> bytes:
    """A signer's key and certificate issued by another CA, as a PKCS#12 file with the chain."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    def usage(*, signer: bool) -> x509.KeyUsage:
        return x509.KeyUsage(digital_signature=signer, content_commitment=signer,
                             key_encipherment=False, data_encipherment=False,
                             key_agreement=False, key_cert_sign=not signer,
                             crl_sign=not signer, encipher_only=False, decipher_only=False)

    now = datetime.now(UTC) - timedelta(days=1)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, FOREIGN_CA)])
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now).not_valid_after(now + timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(usage(signer=False), critical=True)
          .add_extension(ca_ski, critical=False)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage(signer=True), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                ca_ski), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"signer", key, cert, [ca],
                                                 BestAvailableEncryption(secret.encode()))


def approve(db_path: Path, meeting: str) -> None:
    from workgroup_app.services import minutes

    with in_process(db_path) as context:
        minutes.approve(context.uow(), context.actor, meeting, lang="ru")


def test_without_a_keyring_keys_take_passphrase_files_and_an_imported_p12_signs(
        cli: Cli, db_path: Path, tmp_path: Path) -> None:
    ids = seed_minutes_office(db_path)
    secret = passphrase_file(tmp_path)
    empty = dump(db_path)
    with without_terminal():
        assert_user_error(cli("keys", "ca-init"), "--passphrase-file", "keyring")
    assert_user_error(cli("keys", "ca-init", "--passphrase-file",
                          passphrase_file(tmp_path, "short\n", "short.txt")), "8 characters")
    assert_user_error(cli("keys", "ca-init", "--passphrase-file", str(tmp_path / "none.txt")),
                      "none.txt", "cannot be read")
    assert dump(db_path) == empty

    result = cli("keys", "ca-init", "--name", OFFICE, "--passphrase-file", secret)
    assert result.code == 0 and OFFICE in result.out and "keep the passphrase" in result.out, \
        result
    assert_user_error(cli("keys", "ca-init", "--name", OFFICE, "--passphrase-file", secret),
                      "already has")
    result = cli("keys", "issue", CHAIR, "--role", "chair", "--ca-passphrase-file", secret,
                 "--passphrase-file", secret)
    assert result.code == 0 and CHAIR in result.out, result

    p12 = tmp_path / "щукина.p12"
    p12.write_bytes(foreign_p12(SECRETARY, P12_PASS))
    before = dump(db_path)
    wrong = cli("keys", "import", str(p12), "--person", SECRETARY, "--role", "secretary",
                "--file-passphrase-file", passphrase_file(tmp_path, "not it\n", "wrong.txt"),
                "--passphrase-file", secret)
    assert_user_error(wrong, "passphrase")
    assert dump(db_path) == before
    result = cli("keys", "import", str(p12), "--person", SECRETARY, "--role", "secretary",
                 "--file-passphrase-file", passphrase_file(tmp_path, P12_PASS, "p12.txt"),
                 "--passphrase-file", secret)
    assert result.code == 0 and FOREIGN_CA in result.out, result

    listed = cli("--json", "keys", "list").json()
    assert sorted((c["kind"], c["subject"], c["role"], c["has_key"], c["status"])
                  for c in listed) == [
        ("office_ca", OFFICE, None, True, "valid"),
        ("signer", CHAIR, "chair", True, "valid"),
        ("signer", SECRETARY, "secretary", True, "valid"),
        ("trusted_issuer", FOREIGN_CA, None, False, "valid")]
    assert {c["person"] for c in listed if c["kind"] == "signer"} == {CHAIR, SECRETARY}

    approve(db_path, ids["meeting"])
    for role in ("chair", "secretary"):
        result = cli("minutes", "sign", ids["meeting"], "--as", role, "--passphrase-file",
                     secret)
        assert result.code == 0, result
    signed = tmp_path / "signed.pdf"
    assert cli("minutes", "export", ids["meeting"], "--out", str(signed)).code == 0
    report = cli("--json", "minutes", "verify", str(signed))
    assert report.code == 0, report
    assert [(s["signer"], s["issuer"], s["verdict"]) for s in report.json()["signatures"]] == [
        (CHAIR, OFFICE, "valid"), (SECRETARY, FOREIGN_CA, "valid")]


def test_with_a_keyring_nothing_is_asked_and_the_list_speaks_russian(
        cli: Cli, db_path: Path, tmp_path: Path) -> None:
    store = tmp_path / "keyring.json"
    env = {"PYTHON_KEYRING_BACKEND": "tests.keyring_backend.FileKeyring",
           "WORKGROUP_TEST_KEYRING": str(store)}
    ids = seed_minutes_office(db_path)
    result = cli("keys", "ca-init", env=env)  # the name: the office name setting
    assert result.code == 0 and OFFICE in result.out and "system keyring" in result.out, \
        result
    result = cli("keys", "issue", CHAIR, "--role", "chair", "--years", "2", env=env)
    assert result.code == 0 and result.err == "", result
    secrets = json.loads(store.read_text())
    assert len(secrets) == 2 and all(len(value) >= 40 for value in secrets.values())
    keys = sorted((Path(os.environ["WORKGROUP_DATA_DIR"]) / "keys").glob("*.p12"))
    assert len(keys) == 2 and all(k.stat().st_mode & 0o077 == 0 for k in keys)

    approve(db_path, ids["meeting"])
    result = cli("minutes", "sign", ids["meeting"], "--as", "chair", env=env)
    assert result.code == 0 and result.err == "" and CHAIR in result.out, result
    listed = cli("keys", "list", lang="ru", env=env)
    assert listed.code == 0, listed
    assert "Вид" in listed.out and "УЦ учреждения" in listed.out
    assert f"{CHAIR} / Председательствующий" in listed.out and "действует" in listed.out


def test_an_office_exports_its_ca_and_another_trusts_it_by_fingerprint(
        cli: Cli, db_path: Path, tmp_path: Path) -> None:
    from tests.cli.support import run_cli

    env = {"PYTHON_KEYRING_BACKEND": "tests.keyring_backend.FileKeyring",
           "WORKGROUP_TEST_KEYRING": str(tmp_path / "keyring.json")}
    seed_minutes_office(db_path)
    assert cli("keys", "ca-init", env=env).code == 0
    pem = tmp_path / "ca.pem"
    exported = cli("keys", "export-ca", "--out", str(pem), env=env)
    assert exported.code == 0 and pem.read_bytes().startswith(b"-----BEGIN CERTIFICATE"), \
        exported
    digest = exported.out.split("fingerprint ")[1].rstrip(".\n")
    other = tmp_path / "other.sqlite"
    assert run_cli(other, "init").code == 0
    before = dump(other)
    wrong = run_cli(other, "keys", "trust", str(pem), "--fingerprint", "ab" * 32)
    assert_user_error(wrong, "fingerprint differs")
    assert_user_error(run_cli(other, "keys", "trust", str(tmp_path / "none.pem"),
                              "--fingerprint", digest), "cannot be read")
    assert dump(other) == before
    grouped = " ".join(digest[i:i + 4] for i in range(0, 64, 4)).upper()
    trusted = run_cli(other, "keys", "trust", str(pem), "--fingerprint", grouped)
    assert trusted.code == 0 and OFFICE in trusted.out, trusted
    listed = run_cli(other, "--json", "keys", "list")
    assert [c["kind"] for c in listed.json()] == ["trusted_issuer"], listed
