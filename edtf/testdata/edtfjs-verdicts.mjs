// Records the verdicts of edtf.js, an independent EDTF implementation, on
// the strings of reference.txt, into reference-verdicts.tsv. It is run by
// hand, not in CI (CI compares our parser with the recorded file):
//
//	npm install edtf@4.11.1   (in a scratch directory)
//	NODE_PATH=<scratch>/node_modules node edtfjs-verdicts.mjs > reference-verdicts.tsv
//
// Each line: the string, "valid" or "invalid", then the first and the last
// moment it may mean: a day (YYYY-MM-DD) for a date, an instant in UTC
// (YYYY-MM-DDThh:mm:ssZ) for a date with a time of day, "open" for an open
// end (".."), "unknown" for an unknown one, "-" when invalid. A string
// edtf.js parses but cannot give bounds for (it throws) counts as invalid.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'

const require = createRequire(process.env.NODE_PATH ? process.env.NODE_PATH + '/' : import.meta.url)
const { default: edtf, parse } = require('edtf')

const lines = readFileSync(new URL('reference.txt', import.meta.url), 'utf8').split('\n')

const day = ms => new Date(ms).toISOString().split('T')[0]
const instant = ms => new Date(ms).toISOString().replace('.000Z', 'Z')

// bound writes one end: value is edtf.js's min or max, end the parsed end
// (to tell a date with a time from one without).
function bound(value, end) {
  if (value === null) return 'unknown'
  if (value === Infinity || value === -Infinity) return 'open'
  if (Number.isNaN(value)) return 'NaN'
  const hasTime = end && end.type === 'Date' && end.values.length > 3
  return hasTime ? instant(value) : day(value)
}

const out = ['# input\tverdict\tearliest\tlatest (recorded from edtf.js 4.11.1, level 1)']
for (const s of lines) {
  if (s === '' || s.startsWith('#')) continue
  let row
  try {
    const p = parse(s, { level: 1 })
    const e = edtf(s)
    const [first, last] = p.type === 'Interval' ? p.values : [p, p]
    const min = p.type === 'Interval' && first === null ? null : e.min
    const max = p.type === 'Interval' && last === null ? null : e.max
    row = [s, 'valid', bound(min, first), bound(max, last)]
  } catch {
    row = [s, 'invalid', '-', '-']
  }
  out.push(row.join('\t'))
}
console.log(out.join('\n'))
