// Bench inputs for the image-preparation figures, made with sharp (a devDependency used only by
// the bench): a 12 MP phone photo stored with EXIF orientation 6, a 4000×3000 PNG screenshot full
// of text, and a 1 MB JPEG that needs no re-encoding. Written once into bench/results/inputs/.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

export async function makeInputs(root) {
  const dir = path.join(root, 'bench/results/inputs');
  fs.mkdirSync(dir, { recursive: true });
  const out = {
    photo: path.join(dir, 'photo-12mp-orientation6.jpg'),
    screenshot: path.join(dir, 'screenshot-4000x3000.png'),
    small: path.join(dir, 'photo-1mb.jpg'),
  };
  if (Object.values(out).every((f) => fs.existsSync(f))) return out;

  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  /** A sample upscaled with film-grain noise: photo-like detail, so JPEG sizes are realistic. */
  const photo = async (source, width, height, grain) => {
    const pixels = await sharp(source).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, pixels[i] + Math.round((random() + random() - 1) * grain)));
    return sharp(pixels, { raw: { width, height, channels: 3 } });
  };
  const samples = path.join(root, 'samples');
  await (await photo(path.join(samples, 'messi5.jpg'), 4000, 3000, 40)).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toFile(out.photo);
  await (await photo(path.join(samples, 'fruits.jpg'), 2400, 1800, 18)).jpeg({ quality: 85 }).toFile(out.small);

  const words = 'const function return await import export class interface extends private public static readonly async image decode encode resize rotate quality buffer width height'.split(' ');
  const colours = ['#d4d4d4', '#569cd6', '#ce9178', '#6a9955', '#c586c0', '#dcdcaa', '#4ec9b0'];
  let svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000"><rect width="100%" height="100%" fill="#1e1e1e"/>';
  for (let y = 60, line = 1; y < 2980; y += 30, line++) {
    svg += `<text x="40" y="${y}" font-family="DejaVu Sans Mono" font-size="22" fill="#858585">${line}</text>`;
    for (let x = 140 + Math.floor(random() * 8) * 26, k = 0; k < 18 && x < 3800; k++) {
      const word = words[Math.floor(random() * words.length)];
      svg += `<text x="${x}" y="${y}" font-family="DejaVu Sans Mono" font-size="22" fill="${colours[Math.floor(random() * colours.length)]}">${word}</text>`;
      x += (word.length + 1) * 13.3;
    }
  }
  svg += '</svg>';
  const scan = await sharp(path.join(samples, 'imageTextN.png')).resize(1112, 514).png().toBuffer();
  await sharp(Buffer.from(svg)).composite([{ input: scan, left: 2700, top: 200 }]).png({ compressionLevel: 6 }).toFile(out.screenshot);
  return out;
}
