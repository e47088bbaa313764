// The bundled demo's illustrations: simple generic drawings made for this
// project (no photo, no real place or person), as SVG. make-demo-feeds.ts
// renders them to JPEG under content/demo/images/ and attaches them to some
// sample items, so the image pipeline has something to fetch and encode.

export type Illustration = {
  file: string;
  /** Which sample items get it: a pattern on the title and summary. */
  match: RegExp;
  alt: { ru: string; en: string };
  svg: string;
};

const W = 960;
const H = 540;
const INK = '#0f3d5e';
const RED = '#c8102e';

const frame = (background: string, body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
  `<rect width="${W}" height="${H}" fill="${background}"/>` +
  `<circle cx="150" cy="110" r="190" fill="#ffffff" opacity="0.35"/><circle cx="860" cy="470" r="230" fill="#ffffff" opacity="0.25"/>` +
  body +
  `<text x="${W - 24}" y="${H - 22}" text-anchor="end" font-family="DejaVu Sans, sans-serif" font-size="18" fill="${INK}" opacity="0.7">medclusters · sample illustration</text>` +
  '</svg>';

const cross = (x: number, y: number, size: number, fill = RED): string =>
  `<rect x="${x - size / 6}" y="${y - size / 2}" width="${size / 3}" height="${size}" fill="${fill}"/><rect x="${x - size / 2}" y="${y - size / 6}" width="${size}" height="${size / 3}" fill="${fill}"/>`;

const windows = (left: number, top: number, columns: number, rows: number): string => {
  const out: string[] = [];
  for (let row = 0; row < rows; row++) for (let column = 0; column < columns; column++) out.push(`<rect x="${left + column * 70}" y="${top + row * 62}" width="44" height="38" rx="4" fill="#bcd7ee"/>`);
  return out.join('');
};

export const ILLUSTRATIONS: Illustration[] = [
  {
    file: 'hospital.jpg',
    match: /больниц|поликлиник|госпитал|медцентр|ФАП|фельдшерско|корпус|hospital|polyclinic|clinic|feldsher/i,
    alt: { ru: 'Иллюстрация: здание больницы с красным крестом', en: 'Illustration: a hospital building with a red cross' },
    svg: frame(
      '#dbe9f5',
      `<rect x="250" y="150" width="460" height="300" fill="#ffffff" stroke="${INK}" stroke-width="6"/>` +
        `<rect x="400" y="90" width="160" height="70" fill="#ffffff" stroke="${INK}" stroke-width="6"/>` +
        cross(480, 125, 44) +
        windows(285, 185, 6, 3) +
        `<rect x="440" y="370" width="80" height="80" fill="${INK}"/><rect x="200" y="446" width="560" height="12" fill="${INK}"/>`,
    ),
  },
  {
    file: 'syringe.jpg',
    match: /вакцин|прививк|иммуниз|vaccin|immunis|jab/i,
    alt: { ru: 'Иллюстрация: шприц для прививки', en: 'Illustration: a vaccination syringe' },
    svg: frame(
      '#e3f1e8',
      `<g transform="rotate(-30 480 270)">` +
        `<rect x="300" y="235" width="300" height="70" rx="8" fill="#ffffff" stroke="${INK}" stroke-width="6"/>` +
        `<rect x="310" y="245" width="170" height="50" fill="#8fc9a6"/>` +
        [360, 410, 460, 510, 560].map((x) => `<line x1="${x}" y1="235" x2="${x}" y2="258" stroke="${INK}" stroke-width="4"/>`).join('') +
        `<rect x="600" y="255" width="40" height="30" fill="${INK}"/><line x1="640" y1="270" x2="760" y2="270" stroke="${INK}" stroke-width="5"/>` +
        `<rect x="230" y="255" width="70" height="30" fill="${INK}"/><rect x="200" y="225" width="30" height="90" rx="6" fill="${INK}"/>` +
        '</g>',
    ),
  },
  {
    file: 'ambulance.jpg',
    match: /скор(ой|ая|ую)|санавиац|бригад|автомобил|ambulance|paramedic|air medical/i,
    alt: { ru: 'Иллюстрация: машина скорой помощи', en: 'Illustration: an ambulance' },
    svg: frame(
      '#f6e3e3',
      `<rect x="200" y="190" width="380" height="200" rx="14" fill="#ffffff" stroke="${INK}" stroke-width="6"/>` +
        `<path d="M580 250 H690 L760 320 V390 H580 Z" fill="#ffffff" stroke="${INK}" stroke-width="6"/>` +
        `<path d="M600 268 H682 L732 318 H600 Z" fill="#bcd7ee"/>` +
        cross(390, 290, 90) +
        `<rect x="200" y="350" width="560" height="16" fill="${RED}"/><rect x="300" y="165" width="60" height="26" rx="6" fill="${RED}"/>` +
        `<circle cx="300" cy="395" r="44" fill="${INK}"/><circle cx="300" cy="395" r="18" fill="#ffffff"/>` +
        `<circle cx="660" cy="395" r="44" fill="${INK}"/><circle cx="660" cy="395" r="18" fill="#ffffff"/>`,
    ),
  },
  {
    file: 'stethoscope.jpg',
    match: /врач|доктор|терапевт|педиатр|медсестр|фельдшер|кадр|ординатур|doctor|physician|nurse|residen|staff/i,
    alt: { ru: 'Иллюстрация: стетоскоп', en: 'Illustration: a stethoscope' },
    svg: frame(
      '#e6e3f3',
      `<path d="M380 120 V260 a100 100 0 0 0 200 0 V120" fill="none" stroke="${INK}" stroke-width="16" stroke-linecap="round"/>` +
        `<circle cx="380" cy="115" r="14" fill="${INK}"/><circle cx="580" cy="115" r="14" fill="${INK}"/>` +
        `<path d="M480 360 V400 a70 70 0 0 0 140 0 V380" fill="none" stroke="${INK}" stroke-width="16" stroke-linecap="round"/>` +
        `<circle cx="620" cy="350" r="46" fill="#ffffff" stroke="${INK}" stroke-width="12"/><circle cx="620" cy="350" r="18" fill="#9d95cf"/>`,
    ),
  },
  {
    file: 'pills.jpg',
    match: /лекарств|препарат|аптек|таблет|инсулин|medicine|drug|pharmac|insulin/i,
    alt: { ru: 'Иллюстрация: таблетки и капсулы', en: 'Illustration: tablets and capsules' },
    svg: frame(
      '#fbefd9',
      `<g transform="rotate(-35 400 270)"><rect x="280" y="220" width="240" height="100" rx="50" fill="#ffffff" stroke="${INK}" stroke-width="6"/><path d="M400 220 H470 a50 50 0 0 1 0 100 H400 Z" fill="${RED}"/></g>` +
        `<circle cx="620" cy="230" r="62" fill="#ffffff" stroke="${INK}" stroke-width="6"/><line x1="570" y1="230" x2="670" y2="230" stroke="${INK}" stroke-width="5"/>` +
        `<circle cx="650" cy="380" r="48" fill="#f3c469" stroke="${INK}" stroke-width="6"/>`,
    ),
  },
  {
    file: 'microscope.jpg',
    match: /исследован|наук|учён|учен|лаборатор|клиническ|research|scien|laborator|trial/i,
    alt: { ru: 'Иллюстрация: микроскоп', en: 'Illustration: a microscope' },
    svg: frame(
      '#dff0f2',
      `<rect x="330" y="430" width="300" height="26" rx="8" fill="${INK}"/>` +
        `<path d="M560 430 a150 150 0 0 0 -40 -230" fill="none" stroke="${INK}" stroke-width="22"/>` +
        `<g transform="rotate(-25 470 220)"><rect x="440" y="100" width="60" height="190" rx="10" fill="#ffffff" stroke="${INK}" stroke-width="6"/><rect x="452" y="290" width="36" height="40" fill="${INK}"/><rect x="430" y="80" width="80" height="26" rx="6" fill="${INK}"/></g>` +
        `<rect x="360" y="350" width="180" height="18" rx="4" fill="${INK}"/><circle cx="430" cy="340" r="10" fill="#7cc4cc"/>`,
    ),
  },
  {
    file: 'heart.jpg',
    match: /кардио|сердц|сосуд|инфаркт|инсульт|heart|cardi|stroke/i,
    alt: { ru: 'Иллюстрация: сердце и кардиограмма', en: 'Illustration: a heart and a cardiogram' },
    svg: frame(
      '#fbe3e6',
      `<path d="M480 430 C300 320 250 230 300 170 C340 120 430 130 480 200 C530 130 620 120 660 170 C710 230 660 320 480 430 Z" fill="${RED}"/>` +
        `<polyline points="140,300 330,300 370,230 410,370 450,260 480,300 820,300" fill="none" stroke="${INK}" stroke-width="10" stroke-linejoin="round"/>`,
    ),
  },
  {
    file: 'chart.jpg',
    match: /статистик|показател|смертност|заболеваемост|рейтинг|итог|продолжительност|statistic|mortality|figures|rating|life expectancy/i,
    alt: { ru: 'Иллюстрация: столбчатая диаграмма', en: 'Illustration: a bar chart' },
    svg: frame(
      '#e8ecf2',
      `<line x1="250" y1="440" x2="720" y2="440" stroke="${INK}" stroke-width="8"/><line x1="250" y1="440" x2="250" y2="110" stroke="${INK}" stroke-width="8"/>` +
        [
          [290, 300],
          [380, 240],
          [470, 200],
          [560, 150],
          [650, 120],
        ]
          .map(([x, y]) => `<rect x="${x}" y="${y}" width="60" height="${440 - y!}" fill="${x === 650 ? RED : INK}"/>`)
          .join(''),
    ),
  },
];
