/**
 * A minimal PDF writer for decks: one page per slide, each a full-page JPEG (PDF reads JPEG as
 * it is, with DCTDecode). Enough for a briefing handout; no fonts, no text layer.
 */

/** One page: a JPEG and its size in pixels. */
export interface PdfPage {
  jpeg: Uint8Array;
  width: number;
  height: number;
}

/** Builds the PDF; pages are 16:9 at 960 points wide whatever the pixel size. */
export function imagesToPdf(pages: readonly PdfPage[], title: string): Blob {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: string | Uint8Array) => {
    const bytes = typeof chunk === 'string' ? enc.encode(chunk) : chunk;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (n: number, body: () => void) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    body();
    push('\nendobj\n');
  };
  // PDF strings: escape backslashes and parentheses; keep to Latin-1 for the metadata.
  const pdfString = (s: string) =>
    `(${s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1')})`;
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const n = pages.length;
  // 1 catalog, 2 pages, 3 info; then per page: page, content, image.
  const pageObj = (i: number) => 4 + i * 3;
  object(1, () => push('<< /Type /Catalog /Pages 2 0 R >>'));
  object(2, () =>
    push(
      `<< /Type /Pages /Count ${n} /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] >>`,
    ),
  );
  object(3, () => push(`<< /Title ${pdfString(title)} /Producer (Firearms Flow Atlas) >>`));
  pages.forEach((p, i) => {
    const w = 960;
    const h = Math.round((960 * p.height) / p.width);
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    object(pageObj(i), () =>
      push(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${pageObj(i) + 2} 0 R >> >> /Contents ${pageObj(i) + 1} 0 R >>`,
      ),
    );
    object(pageObj(i) + 1, () => {
      push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    });
    object(pageObj(i) + 2, () => {
      push(
        `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${p.jpeg.length} >>\nstream\n`,
      );
      push(p.jpeg);
      push('\nendstream');
    });
  });
  const xref = length;
  const count = 4 + n * 3;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let i = 1; i < count; i++) push(`${String(offsets[i]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Blob(parts as BlobPart[], { type: 'application/pdf' });
}
