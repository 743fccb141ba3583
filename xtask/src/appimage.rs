//! Offline tooling for `tauri build --bundles appimage` (Linux x86_64).
//!
//! Tauri's AppImage bundler (tauri-bundler 2.10.x, shipped in tauri-cli 2.12.x) looks for its
//! tools in `$XDG_CACHE_HOME/tauri` (default `~/.cache/tauri`), or in `<cargo target dir>/.tauri`
//! with `bundle.useLocalToolsDir`, and downloads from GitHub only the files that are *missing*:
//!
//! | file                                   | what Tauri does with it                               |
//! |----------------------------------------|-------------------------------------------------------|
//! | `AppRun-x86_64`                        | copies it to `<AppDir>/AppRun`                        |
//! | `linuxdeploy-07333c6-x86_64.AppImage`  | runs it: `--appimage-extract-and-run --verbosity N --appdir DIR --plugin gtk --output appimage`, env `OUTPUT`, `ARCH`, `APPIMAGE_EXTRACT_AND_RUN=1`; zeroes its bytes 8..11 first |
//! | `linuxdeploy-plugin-appimage.AppImage` | optional; only its existence is checked               |
//! | `linuxdeploy-plugin-{gtk,gstreamer}.sh`| rewritten by Tauri itself on every run                |
//!
//! None of them can be downloaded here, so [`ensure_tools`] puts offline stand-ins there:
//!
//! - the AppImage type-2 runtime (AppImageKit runtime `8bbf694`, 189,632 bytes) comes from the
//!   crates.io package `appimage` 0.4.0 (`assets/runtime-x86_64`), fetched with cargo and
//!   checked against a pinned SHA-256;
//! - `linuxdeploy-…AppImage` is a real AppImage (that runtime + a squashfs made with the Debian
//!   package `squashfs-tools`) whose `AppRun` is a shell script that packs Tauri's AppDir into
//!   `runtime + squashfs(AppDir)` at `$OUTPUT`. It deploys no shared libraries and skips the
//!   gtk/gstreamer plugins: the resulting AppImage runs the app with the host's GTK 3 and
//!   WebKitGTK 4.1 (Debian/Ubuntu package `libwebkit2gtk-4.1-0`) and their helper processes;
//! - `AppRun-x86_64` is a shell script that runs the `.desktop` file's `Exec=` program from
//!   `usr/bin` of the AppDir.
//!
//! The AppImage mounts itself with FUSE when `libfuse.so.2` is present; without it, run it with
//! `APPIMAGE_EXTRACT_AND_RUN=1` (or `--appimage-extract-and-run`), or `--appimage-extract` it.
//! Requires `mksquashfs` (`squashfs-tools`), `sha256sum`, `cargo`, and crates.io (or the crate
//! already in cargo's cache).

use std::fs;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// Tauri's name for linuxdeploy depends on this pin (`LINUXDEPLOY_COMMIT_HASH` in
/// tauri-bundler's `linuxdeploy.rs`); a Tauri upgrade that changes it makes Tauri try a
/// download again, which fails loudly offline: update it here then.
const LINUXDEPLOY_FILE: &str = "linuxdeploy-07333c6-x86_64.AppImage";
const APPRUN_FILE: &str = "AppRun-x86_64";
const PLUGIN_APPIMAGE_FILE: &str = "linuxdeploy-plugin-appimage.AppImage";
/// Our verified copy of the runtime (also embedded in the linuxdeploy stand-in).
const RUNTIME_FILE: &str = "frontline-appimage-runtime-x86_64";
const STAMP_FILE: &str = "frontline-appimage-tools.stamp";
const STAMP_PREFIX: &str = "frontline offline appimage tools";

/// The registry package that ships the runtime, and the runtime's digest.
const RUNTIME_CRATE: &str = "appimage";
const RUNTIME_CRATE_VERSION: &str = "0.4.0";
const RUNTIME_PATH_IN_CRATE: &str = "assets/runtime-x86_64";
const RUNTIME_SHA256: &str = "328e0d745c5c6817048c27bc3e8314871703f8f47ffa81a37cb06cd95a94b323";

/// `<AppDir>/AppRun` of the app's AppImage.
const APPRUN_SH: &str = r#"#!/bin/sh
# AppRun of an AppImage built offline by Frontline's xtask (xtask/src/appimage.rs);
# Tauri copies it into the AppDir. It starts the program named by the Exec= line of the
# AppDir's .desktop file, from usr/bin. GTK 3, WebKitGTK 4.1 and WebKit's helper processes
# (WebKitWebProcess, WebKitNetworkProcess) come from the host system.
set -e
HERE=$(dirname "$(readlink -f "$0")")
export APPDIR="$HERE"
export PATH="$HERE/usr/bin${PATH:+:$PATH}"
export XDG_DATA_DIRS="$HERE/usr/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
desktop=
for f in "$HERE"/*.desktop; do
    if [ -f "$f" ]; then desktop=$f; break; fi
done
if [ -z "$desktop" ]; then echo "AppRun: no .desktop file in $HERE" >&2; exit 127; fi
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n 1)
bin=${exec_line%% *}
bin=${bin#\"}
bin=${bin%\"}
if [ -z "$bin" ]; then echo "AppRun: no Exec= line in $desktop" >&2; exit 127; fi
exec "$bin" "$@"
"#;

/// `AppRun` inside the linuxdeploy stand-in (next to `runtime-x86_64`).
const LINUXDEPLOY_SH: &str = r#"#!/bin/sh
# linuxdeploy stand-in for offline builds, made by Frontline's xtask (xtask/src/appimage.rs).
#
# Tauri's AppImage bundler runs
#   linuxdeploy-07333c6-x86_64.AppImage --appimage-extract-and-run --verbosity N \
#       --appdir DIR --plugin gtk [--plugin gstreamer] --output appimage
# with OUTPUT=path/of/the.AppImage. This packs DIR as Tauri laid it out into a type-2
# AppImage: the AppImage runtime next to this script + a squashfs of DIR. Unlike linuxdeploy
# it bundles no shared libraries and runs no plugins: the AppImage uses the host's GTK 3 and
# WebKitGTK 4.1.
set -eu

die() { echo "linuxdeploy (offline stand-in): $*" >&2; exit 1; }

here=$(dirname "$(readlink -f "$0")")
appdir=
output=
plugins=
while [ $# -gt 0 ]; do
    case $1 in
        --appdir|--output|--plugin|--verbosity|-v)
            [ $# -ge 2 ] || die "$1 needs a value"
            case $1 in
                --appdir) appdir=$2 ;;
                --output) output=$2 ;;
                --plugin) plugins="$plugins $2" ;;
            esac
            shift 2 ;;
        --appdir=*) appdir=${1#*=}; shift ;;
        --output=*) output=${1#*=}; shift ;;
        --plugin=*) plugins="$plugins ${1#*=}"; shift ;;
        --verbosity=*|--appimage-extract-and-run) shift ;;
        --version) echo "linuxdeploy offline stand-in (Frontline xtask)"; exit 0 ;;
        *) die "unsupported argument: $1" ;;
    esac
done

[ -n "$appdir" ] || die "--appdir is required"
[ "$output" = appimage ] || die "only '--output appimage' is supported (got '$output')"
[ -d "$appdir" ] || die "no AppDir at $appdir"
for p in $plugins; do
    case $p in
        gtk|gstreamer) echo "linuxdeploy (offline stand-in): skipping plugin '$p': the AppImage uses the host's GTK/WebKitGTK/GStreamer" >&2 ;;
        *) die "unknown plugin: $p" ;;
    esac
done
[ -x "$appdir/AppRun" ] || die "$appdir/AppRun is missing or not executable"
desktop=
for f in "$appdir"/*.desktop; do
    [ -f "$f" ] || continue
    [ -z "$desktop" ] || die "more than one .desktop file at the top of $appdir"
    desktop=$f
done
[ -n "$desktop" ] || die "no .desktop file at the top of $appdir"
[ -e "$appdir/.DirIcon" ] || echo "linuxdeploy (offline stand-in): warning: no .DirIcon in $appdir" >&2
[ -s "$here/runtime-x86_64" ] || die "the AppImage runtime is missing next to $0"
command -v mksquashfs >/dev/null 2>&1 || die "mksquashfs not found (Debian/Ubuntu: apt-get install squashfs-tools)"

if [ -z "${OUTPUT:-}" ]; then
    name=$(sed -n 's/^Name=//p' "$desktop" | head -n 1 | tr ' ' '_')
    OUTPUT="$PWD/${name:-App}-${ARCH:-x86_64}.AppImage"
fi
squashfs="$OUTPUT.squashfs.tmp"
trap 'rm -f "$squashfs" "$OUTPUT.tmp"' EXIT
rm -f "$squashfs" "$OUTPUT.tmp"
mksquashfs "$appdir" "$squashfs" -all-root -noappend -comp gzip -quiet -no-progress >&2 \
    || die "mksquashfs failed"
cat "$here/runtime-x86_64" "$squashfs" > "$OUTPUT.tmp"
chmod 0755 "$OUTPUT.tmp"
mv -f "$OUTPUT.tmp" "$OUTPUT"
echo "linuxdeploy (offline stand-in): created $OUTPUT" >&2
"#;

/// Tauri only checks that this file exists (else it tries a download); nothing runs it.
const PLUGIN_APPIMAGE_SH: &str = r#"#!/bin/sh
# Placeholder written by Frontline's xtask (xtask/src/appimage.rs) so that Tauri does not try
# to download linuxdeploy-plugin-appimage; the offline linuxdeploy stand-in never runs it.
echo "linuxdeploy-plugin-appimage: placeholder, not used" >&2
exit 1
"#;

/// The directory Tauri's bundler uses for its tools by default (`dirs::cache_dir()/tauri`:
/// `$XDG_CACHE_HOME/tauri` when that is absolute, else `$HOME/.cache/tauri`).
pub fn tauri_tools_dir() -> Result<PathBuf> {
    let cache = match std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        _ => PathBuf::from(std::env::var_os("HOME").context("HOME is not set")?).join(".cache"),
    };
    Ok(cache.join("tauri"))
}

/// Prepares what Tauri's AppImage bundler needs, offline, in its default tools directory.
/// Idempotent; when already done it only reads a stamp file and checks `mksquashfs`.
pub fn ensure_tools() -> Result<()> {
    ensure_tools_in(&tauri_tools_dir()?)
}

/// Like [`ensure_tools`], in `dir` (for `bundle.useLocalToolsDir`: `<cargo target dir>/.tauri`).
pub fn ensure_tools_in(dir: &Path) -> Result<()> {
    if !(cfg!(target_os = "linux") && cfg!(target_arch = "x86_64")) {
        bail!("the offline AppImage tools are prepared for Linux x86_64 only");
    }
    if !runs("mksquashfs", &["-version"]) {
        bail!("mksquashfs not found: install squashfs-tools (apt-get install squashfs-tools)");
    }
    let stamp = stamp();
    let stamp_path = dir.join(STAMP_FILE);
    let old_stamp = fs::read_to_string(&stamp_path).ok();
    let files = [APPRUN_FILE, LINUXDEPLOY_FILE, PLUGIN_APPIMAGE_FILE, RUNTIME_FILE];
    if old_stamp.as_deref() == Some(stamp.as_str()) && files.iter().all(|f| dir.join(f).is_file()) {
        return Ok(());
    }
    println!("xtask: preparing offline AppImage tools in {}", dir.display());
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;

    // A linuxdeploy we did not make (e.g. downloaded by Tauri on a machine with internet) is
    // kept aside rather than deleted, so the output is the same on every machine.
    let ours = old_stamp.is_some_and(|s| s.starts_with(STAMP_PREFIX));
    for name in [LINUXDEPLOY_FILE, APPRUN_FILE, PLUGIN_APPIMAGE_FILE] {
        let path = dir.join(name);
        if !ours && path.exists() {
            let aside = dir.join(format!("{name}.orig"));
            println!("xtask: moving {} aside to {}", path.display(), aside.display());
            fs::rename(&path, &aside)?;
        }
    }

    let runtime = fetch_runtime(dir)?;
    write_executable(&dir.join(APPRUN_FILE), APPRUN_SH.as_bytes())?;
    write_executable(&dir.join(PLUGIN_APPIMAGE_FILE), PLUGIN_APPIMAGE_SH.as_bytes())?;
    build_linuxdeploy(dir, &runtime)?;
    fs::write(&stamp_path, &stamp)?;
    Ok(())
}

/// Checks that `appimage` is an AppImage whose payload extracts (no FUSE needed) and holds an
/// executable `AppRun`, a `.desktop` file and the program its `Exec=` names in `usr/bin`.
/// Meant for `dist`, right after `tauri build`.
#[allow(dead_code)]
pub fn verify(appimage: &Path) -> Result<()> {
    let mut head = [0u8; 11];
    fs::File::open(appimage)
        .and_then(|mut f| f.read_exact(&mut head))
        .with_context(|| format!("cannot read {}", appimage.display()))?;
    if &head[..4] != b"\x7fELF" || &head[8..11] != b"AI\x02" {
        bail!("{} is not a type-2 AppImage (no ELF header with the AI\\x02 magic)", appimage.display());
    }
    let appimage = fs::canonicalize(appimage)?;
    let work = std::env::temp_dir().join(format!("frontline-appimage-verify-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work)?;
    let result = (|| -> Result<()> {
        let out = Command::new(&appimage)
            .arg("--appimage-extract")
            .current_dir(&work)
            .stdout(Stdio::null())
            .output()
            .with_context(|| format!("cannot run {}", appimage.display()))?;
        if !out.status.success() {
            bail!(
                "{} --appimage-extract failed ({}): {}",
                appimage.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let root = work.join("squashfs-root");
        let apprun = root.join("AppRun");
        if fs::metadata(&apprun).map(|m| m.permissions().mode() & 0o111 == 0).unwrap_or(true) {
            bail!("the AppImage has no executable AppRun");
        }
        let desktop = fs::read_dir(&root)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "desktop") && p.is_file())
            .context("the AppImage has no .desktop file at its top")?;
        let text = fs::read_to_string(&desktop)?;
        let exec = text
            .lines()
            .find_map(|l| l.strip_prefix("Exec="))
            .and_then(|e| e.split_whitespace().next())
            .map(|e| e.trim_matches('"').to_string())
            .context("the .desktop file has no Exec= line")?;
        if !root.join("usr/bin").join(&exec).is_file() {
            bail!("the AppImage lacks usr/bin/{exec}");
        }
        Ok(())
    })();
    let _ = fs::remove_dir_all(&work);
    result
}

/// The runtime from the crates.io package, verified and copied to `dir/RUNTIME_FILE`.
fn fetch_runtime(dir: &Path) -> Result<PathBuf> {
    let dest = dir.join(RUNTIME_FILE);
    if dest.is_file() && sha256(&dest)? == RUNTIME_SHA256 {
        return Ok(dest);
    }
    // A throw-away package depending on the crate; `cargo metadata` downloads (or finds in
    // cargo's cache) and unpacks it. The crate's one other dependency, `xcommon` (signing
    // code, ~130 crates), is never built, so a local stub stands in for it.
    let scratch = dir.join("frontline-runtime-crate");
    fs::create_dir_all(scratch.join("src"))?;
    fs::create_dir_all(scratch.join("xcommon-stub/src"))?;
    fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[package]\nname = \"frontline-appimage-runtime\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{RUNTIME_CRATE} = \"={RUNTIME_CRATE_VERSION}\"\n\n\
             [patch.crates-io]\nxcommon = {{ path = \"xcommon-stub\" }}\n\n[workspace]\n"
        ),
    )?;
    fs::write(scratch.join("src/lib.rs"), "")?;
    fs::write(
        scratch.join("xcommon-stub/Cargo.toml"),
        "[package]\nname = \"xcommon\"\nversion = \"0.3.99\"\nedition = \"2021\"\npublish = false\n",
    )?;
    fs::write(scratch.join("xcommon-stub/src/lib.rs"), "")?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(&cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(scratch.join("Cargo.toml"))
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {cargo} metadata"))?;
    if !out.status.success() {
        bail!(
            "cargo could not fetch the crate {RUNTIME_CRATE} {RUNTIME_CRATE_VERSION} (it ships the AppImage runtime): {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let metadata = String::from_utf8_lossy(&out.stdout);
    let wanted_dir = format!("{RUNTIME_CRATE}-{RUNTIME_CRATE_VERSION}");
    let manifest = metadata
        .split("\"manifest_path\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(PathBuf::from)
        .find(|p| p.parent().and_then(Path::file_name).is_some_and(|n| n == wanted_dir.as_str()))
        .with_context(|| format!("cargo metadata does not list {wanted_dir}"))?;
    let source = manifest.parent().context("manifest path has no parent")?.join(RUNTIME_PATH_IN_CRATE);
    let digest = sha256(&source)?;
    if digest != RUNTIME_SHA256 {
        bail!("{} has SHA-256 {digest}, expected {RUNTIME_SHA256}", source.display());
    }
    let tmp = dir.join(format!("{RUNTIME_FILE}.tmp"));
    fs::copy(&source, &tmp)?;
    fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755))?;
    fs::rename(&tmp, &dest)?;
    Ok(dest)
}

/// `dir/LINUXDEPLOY_FILE` = runtime + squashfs of { AppRun = LINUXDEPLOY_SH, runtime-x86_64 }.
fn build_linuxdeploy(dir: &Path, runtime: &Path) -> Result<()> {
    let stage = dir.join("frontline-linuxdeploy.AppDir");
    let squashfs = dir.join("frontline-linuxdeploy.squashfs");
    let _ = fs::remove_dir_all(&stage);
    let _ = fs::remove_file(&squashfs);
    fs::create_dir_all(&stage)?;
    write_executable(&stage.join("AppRun"), LINUXDEPLOY_SH.as_bytes())?;
    write_executable(&stage.join("runtime-x86_64"), &fs::read(runtime)?)?;
    let out = Command::new("mksquashfs")
        .arg(&stage)
        .arg(&squashfs)
        .args(["-all-root", "-noappend", "-comp", "gzip", "-quiet", "-no-progress"])
        .stdin(Stdio::null())
        .output()
        .context("cannot run mksquashfs")?;
    if !out.status.success() {
        bail!("mksquashfs failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    let mut image = fs::read(runtime)?;
    image.extend(fs::read(&squashfs)?);
    let target = dir.join(LINUXDEPLOY_FILE);
    let tmp = dir.join(format!("{LINUXDEPLOY_FILE}.tmp"));
    write_executable(&tmp, &image)?;
    fs::rename(&tmp, &target)?;
    let _ = fs::remove_dir_all(&stage);
    let _ = fs::remove_file(&squashfs);

    // Self-test the way Tauri runs it (extract-and-run: no FUSE needed).
    let out = Command::new(&target)
        .args(["--appimage-extract-and-run", "--version"])
        .env("APPIMAGE_EXTRACT_AND_RUN", "1")
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", target.display()))?;
    if !out.status.success() || !String::from_utf8_lossy(&out.stdout).contains("offline stand-in") {
        bail!(
            "{} does not run ({}): {}{}",
            target.display(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

fn write_executable(path: &Path, data: &[u8]) -> Result<()> {
    fs::write(path, data).with_context(|| format!("cannot write {}", path.display()))?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))?;
    Ok(())
}

fn sha256(path: &Path) -> Result<String> {
    let out = Command::new("sha256sum").arg(path).output().context("cannot run sha256sum")?;
    if !out.status.success() {
        bail!("sha256sum {} failed: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text.split_whitespace().next().unwrap_or_default().to_string())
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Identifies this version of the tools: changes whenever a script or the runtime pin does.
fn stamp() -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a
    for part in [APPRUN_SH, LINUXDEPLOY_SH, PLUGIN_APPIMAGE_SH, RUNTIME_SHA256, LINUXDEPLOY_FILE] {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{STAMP_PREFIX} {hash:016x}\n")
}
