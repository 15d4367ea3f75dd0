#!/usr/bin/env bash
# Regenerates every raster icon in assets/ from the SVG sources:
#   icon.svg     -> icon-24.png ... icon-512.png
#   icon-16.svg  -> icon-16.png (pixel-hinted small size)
#   all PNGs     -> icon.ico (Windows, multi-size) and icon.icns (macOS)
#
# Needs (Debian/Ubuntu): librsvg2-bin (rsvg-convert), imagemagick (convert or
# magick) and icnsutils (png2icns). Without png2icns the .icns is skipped with
# a warning. Run from any directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

PNG_SIZES=(16 24 32 48 64 128 256 512)
ICO_SIZES=(16 24 32 48 64 128 256)
ICNS_SIZES=(16 32 48 128 256 512)   # the sizes png2icns accepts, up to 512

die() { echo "generate-icons: $*" >&2; exit 1; }

command -v rsvg-convert >/dev/null 2>&1 \
  || die "rsvg-convert not found; install it with: apt-get install -y librsvg2-bin"

# ImageMagick 7 calls itself 'magick'; 6 calls itself 'convert'. Check that
# 'convert' really is ImageMagick and not some other program of that name.
if command -v magick >/dev/null 2>&1; then
  IM=(magick)
elif command -v convert >/dev/null 2>&1 && convert -version 2>/dev/null | grep -q ImageMagick; then
  IM=(convert)
else
  die "ImageMagick not found; install it with: apt-get install -y imagemagick"
fi

[[ -f icon.svg && -f icon-16.svg ]] || die "icon.svg or icon-16.svg missing in $(pwd)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# PNGs. rsvg-convert writes no timestamps, so the output is byte-stable.
for size in "${PNG_SIZES[@]}"; do
  src=icon.svg
  [[ $size -eq 16 ]] && src=icon-16.svg
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
    --format png --output "icon-$size.png" "$src"
  echo "wrote assets/icon-$size.png (from $src)"
done

# Windows .ico with every size in one file (256 is stored PNG-compressed).
ico_inputs=()
for size in "${ICO_SIZES[@]}"; do ico_inputs+=("icon-$size.png"); done
"${IM[@]}" "${ico_inputs[@]}" -strip -define png:exclude-chunks=date,time \
  "$tmp/icon.ico"
mv "$tmp/icon.ico" icon.ico
echo "wrote assets/icon.ico (${ICO_SIZES[*]})"

# macOS .icns, when png2icns (icnsutils) is available.
if command -v png2icns >/dev/null 2>&1; then
  icns_inputs=()
  for size in "${ICNS_SIZES[@]}"; do icns_inputs+=("icon-$size.png"); done
  png2icns "$tmp/icon.icns" "${icns_inputs[@]}" >/dev/null
  mv "$tmp/icon.icns" icon.icns
  echo "wrote assets/icon.icns (${ICNS_SIZES[*]})"
else
  echo "generate-icons: png2icns not found, icon.icns NOT regenerated" \
       "(apt-get install -y icnsutils)" >&2
fi
