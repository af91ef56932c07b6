import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import GithubSlugger from 'github-slugger';
import { projectRoot } from '../../src/shared/project-root';
import { documentationFiles, readDocumentation } from '../support/documentation';

/**
 * The documentation's own links hold: every relative Markdown link in README.md and docs/*.md
 * points to a file or folder of the repository, and every `#anchor` in such a link (to the same
 * page or another) is the slug of a heading of the page it points to, as GitHub makes them
 * (github-slugger: lower case, punctuation removed, spaces to hyphens, a repeated heading gets
 * -1, -2, ...). Links to other sites (http, https, mailto) are not followed.
 */

/** A repository as the checker sees it: which paths exist, and the text of a Markdown file. */
interface Files {
  exists(path: string): boolean;
  read(path: string): string;
}

/** The text outside fenced code blocks (a line inside a fence is blanked, so lines still count). */
function prose(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === null) {
        fence = marker ?? null;
        return marker ? '' : line;
      }
      const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line)?.[1];
      if (closing && closing[0] === fence[0] && closing.length >= fence.length) fence = null;
      return '';
    })
    .join('\n');
}

/** The anchors GitHub gives the headings of a Markdown page, in order. */
function headingSlugs(markdown: string): string[] {
  const slugger = new GithubSlugger();
  return prose(markdown)
    .split('\n')
    .map((line) => /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined)
    .map((text) => slugger.slug(text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')));
}

/** The link targets of a Markdown page (inline links, images and reference definitions). */
function linkTargets(markdown: string): string[] {
  // Code spans hold examples, not links.
  const text = prose(markdown).replace(/(`+)[\s\S]*?\1/g, '');
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const definitions = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map(
    (m) => m[1],
  );
  return [...inline, ...definitions];
}

/** What is wrong with the relative links of one page (a path relative to the repository root). */
function linkProblems(file: string, files: Files): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(files.read(file))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // another site
    const hash = target.indexOf('#');
    const path = decodeURI(hash >= 0 ? target.slice(0, hash) : target);
    const anchor = hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : null;
    const resolved = path === '' ? file : posix.normalize(posix.join(posix.dirname(file), path));
    if (resolved.startsWith('../') || posix.isAbsolute(resolved)) {
      problems.push(`${file}: ${target}: outside the repository`);
      continue;
    }
    if (!files.exists(resolved)) {
      problems.push(`${file}: ${target}: ${resolved} does not exist`);
      continue;
    }
    if (anchor === null) continue;
    if (!resolved.endsWith('.md')) {
      problems.push(`${file}: ${target}: an anchor into ${resolved}, which is not Markdown`);
      continue;
    }
    if (!headingSlugs(files.read(resolved)).includes(anchor))
      problems.push(`${file}: ${target}: ${resolved} has no heading #${anchor}`);
  }
  return problems;
}

const repository: Files = {
  exists: (path) => existsSync(join(projectRoot(), path)),
  read: (path) => readDocumentation(path),
};

describe('docs > links', () => {
  it.each(documentationFiles())(
    '%s: every relative link points to an existing file, and every anchor to a heading of it',
    (file) => {
      expect(linkProblems(file, repository)).toEqual([]);
    },
  );

  it('README links every page of docs/', () => {
    const linked = new Set(
      linkTargets(readDocumentation('README.md')).map((target) => target.split('#')[0]),
    );
    const pages = documentationFiles().filter((file) => file !== 'README.md');
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('makes the anchors GitHub makes', () => {
    expect(
      headingSlugs(
        [
          '# Datasets, versions and provenance',
          '## MySQL / MariaDB',
          '### The cluster on one machine: `scripts/cluster`',
          '#### `entities` — Secretariat entities (dimension).',
          '## Access',
          '```graphql',
          '# role: conduct',
          '```',
          '## Access',
          '## See [the graph](graph.md) ##',
        ].join('\n'),
      ),
    ).toEqual([
      'datasets-versions-and-provenance',
      'mysql--mariadb',
      'the-cluster-on-one-machine-scriptscluster',
      'entities--secretariat-entities-dimension',
      'access',
      'access-1',
      'see-the-graph',
    ]);
  });

  it('finds a missing file, a missing anchor and a link out of the repository', () => {
    const pages: Record<string, string> = {
      'README.md': [
        '# Guide',
        'See [the graph](docs/graph.md#the-graph), [its second part](docs/graph.md#part-1),',
        '[privacy](docs/privacy.md), [nowhere](docs/graph.md#nowhere), [here](#guide),',
        '[not here](#guid), [up](../secret.md), [a site](https://example.org/x.md#y) and',
        '`[code](docs/none.md)`.',
        '```md',
        '[in a fence](docs/none.md)',
        '```',
      ].join('\n'),
      'docs/graph.md': '# The graph\n## Part\n## Part\n',
    };
    const files: Files = {
      exists: (path) => path in pages,
      read: (path) => pages[path],
    };
    expect(linkProblems('README.md', files)).toEqual([
      'README.md: docs/privacy.md: docs/privacy.md does not exist',
      'README.md: docs/graph.md#nowhere: docs/graph.md has no heading #nowhere',
      'README.md: #guid: README.md has no heading #guid',
      'README.md: ../secret.md: outside the repository',
    ]);
  });
});
