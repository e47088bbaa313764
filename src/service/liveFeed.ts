import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A news source on 127.0.0.1 whose feed gains items while a service polls it:
// the service's integration test and `npm run bench -- --only live` measure
// with it how long an item takes from its publication to the site's feeds.
// Items are short Russian health news built from the templates below, each
// with its own number, so the tagger shows them and no two are one story.

const TOPICS = [
  ['В Мурманской областной больнице открыли кардиологическое отделение', 'Врачи приняли первых пациентов с заболеваниями сердца; отделение получило новое оборудование для диагностики.'],
  ['В Луганске начала работу выездная бригада детских врачей', 'Педиатры осмотрели школьников сельских районов, прививки получили больше двухсот детей.'],
  ['В Челябинской области закупили машины скорой помощи', 'Новые автомобили скорой медицинской помощи передали районным больницам для вызовов в отдалённые посёлки.'],
  ['В Донецке открыли центр реабилитации после инсульта', 'Пациенты после инсульта проходят восстановительное лечение под наблюдением неврологов и инструкторов ЛФК.'],
  ['В Мурманске стартовала вакцинация от гриппа', 'Прививочные пункты поликлиник работают по субботам; вакцина бесплатна для взрослых и детей.'],
  ['Фельдшерско-акушерский пункт построили в посёлке Ловозеро', 'Жители получат первичную медицинскую помощь на месте: в пункте работают фельдшер и акушерка.'],
  ['Онкологический диспансер Челябинска получил томограф', 'Новый компьютерный томограф сократит очередь на обследование пациентов с подозрением на рак.'],
  ['В больницах Луганска прошли учения медицины катастроф', 'Врачи и спасатели отработали приём пострадавших при массовом поступлении раненых.'],
] as const;

export type LiveItem = { n: number; title: string; publishedAt: Date };

export type LiveFeed = {
  url: string;
  /** Publishes the next item now; returns it. */
  publish(): LiveItem;
  readonly items: readonly LiveItem[];
  /** While true, feed requests are held open (a fetch in progress when a service is killed). */
  stall: boolean;
  /** Requests answered so far. */
  readonly requests: number;
  close(): Promise<void>;
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function render(items: readonly LiveItem[], feedUrl: string): string {
  const entries = [...items]
    .reverse()
    .map((item) => {
      const [, description] = TOPICS[item.n % TOPICS.length]!;
      return `<item><title>${escape(item.title)}</title><link>${feedUrl.replace(/feed\.xml$/, '')}news/${item.n}</link><guid isPermaLink="false">live-${item.n}</guid><pubDate>${item.publishedAt.toUTCString()}</pubDate><description>${escape(`${description} Сообщение ${item.n}.`)}</description></item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Живая лента</title><link>${feedUrl}</link><description>Проверочный источник</description><language>ru</language>\n${entries}\n</channel></rss>\n`;
}

/** Starts the feed with `initial` items already published. */
export async function startLiveFeed(initial = 2): Promise<LiveFeed> {
  const items: LiveItem[] = [];
  let requests = 0;
  const held: (() => void)[] = [];
  const state = { stall: false };
  let url = '';
  const server: Server = createServer((request, response) => {
    if (!request.url?.endsWith('/feed.xml')) return void response.writeHead(404).end();
    const answer = () => {
      requests++;
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(render(items, url));
    };
    if (state.stall) held.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const publish = (): LiveItem => {
    const n = items.length + 1;
    const item = { n, title: `${TOPICS[n % TOPICS.length]![0]} (${n})`, publishedAt: new Date() };
    items.push(item);
    return item;
  };
  for (let i = 0; i < initial; i++) publish();
  return {
    url,
    publish,
    items,
    get stall() {
      return state.stall;
    },
    set stall(value: boolean) {
      state.stall = value;
      if (!value) for (const answer of held.splice(0)) answer();
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A sources file with the live feed as its one source. */
export const liveSourcesFile = (feedUrl: string): string =>
  `${JSON.stringify(
    {
      sources: [
        { id: 'live-murmansk', name: { ru: 'Живая лента', en: 'Live feed' }, siteUrl: null, feedUrl, region: 'murmansk', language: 'ru', enabled: true, sample: true },
      ],
    },
    null,
    2,
  )}\n`;
