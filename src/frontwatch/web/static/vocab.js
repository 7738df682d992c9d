// Words for the codes the data uses (PLOVER types, Admiralty grades), from <body data-vocab>.
let vocab = null;

function load() {
  if (vocab === null) {
    try { vocab = JSON.parse(document.body.dataset.vocab || '{}'); } catch (e) { vocab = {}; }
  }
  return vocab;
}

export function typeDescription(type) {
  return (load().plover || {})[type] || '';
}

// "B2" -> "source usually reliable (B); information probably true (2)"; "" when not a grade.
export function gradeDescription(grade) {
  const m = /^([A-F])([1-6])$/.exec(grade || '');
  if (!m) return '';
  const v = load();
  const rel = (v.reliability || {})[m[1]];
  const cred = (v.credibility || {})[m[2]];
  return rel && cred ? `source ${rel} (${m[1]}); information ${cred} (${m[2]})` : '';
}
