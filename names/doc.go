// Package names tells when two written personal names are one person: the
// same man is "Elvin Mustafayev" in English, "Эльвин Мустафаев" in Russian,
// "Mustafayev Elvin Rauf oğlu" in an Azerbaijani register and "Mustafaev" in
// a foreign press release. It is pure logic: no I/O, no state beyond
// read-only tables.
//
// Score compares two names and returns a score in [0,1]; Threshold (0.85)
// and above means "probably the same person". Prepare folds a name once so
// that one query can be scored against many stored names (Name.Score), and
// Keys gives blocking keys to find candidates in an index without scanning
// every row. Fold shows the folded form, for debugging and search, and
// ScoreLines is the `habeas names score` command.
//
// # Normalisation
//
// Input is cut to 512 bytes (at a rune boundary), invalid UTF-8 is dropped
// and the text is put in NFKC form (golang.org/x/text/unicode/norm), which
// composes letters with their diacritics and folds full-width letters and
// ligatures. Letters are lower-cased rune by rune; the Turkish and
// Azerbaijani dotted İ and dotless ı both become i, so casing never depends
// on the language. Apostrophes (Dar'ya, Chul'tsova, Ukrainian ʼ), combining
// marks and format characters are ignored; hyphens join the parts of a word
// (Kara-Murza); everything else that is not a letter (spaces, commas,
// digits, control characters) separates words. At most 10 words of at most
// 24 codes are kept, which bounds the quadratic parts of the comparison.
//
// # Transliteration into a phonetic skeleton
//
// Each word is folded into a string of one-byte codes (see letters.go): a
// sound alphabet in which the spellings of one sound meet. The tables are
// written here rather than taken from a generic transliterator, which would
// turn ə into "@" and ц into "c" or "ts" depending on taste.
//
//   - Cyrillic (Russian, Belarusian, Ukrainian, Kazakh and other Turkic
//     letters) maps letter by letter: ш, ж, ч, х, ц, дж get codes of their
//     own, я/ю/є become glide+vowel, й and ы become i, ь and ъ disappear,
//     Belarusian ў becomes u.
//   - Latin letter groups of the romanisations in the wild are parsed
//     longest first: English/BGN/ICAO (kh zh sh shch ts ya yu), German (sch
//     tsch dsch tz w j), Polish (sz cz szcz w ł ż ę ą), Czech and Belarusian
//     Łacinka (č š ž ć ŭ ł), French (ou tch dj). y becomes i, w v; Turkic q
//     (and қ) keeps a code of its own, close to both g and k (Qara, Кара;
//     Qənimət, Ганимат).
//   - Some letters read by the style of the whole name (fold.go,
//     latinStyle). French marks (ï, ë, tch, iou, an initial ou, gue/gui,
//     a long word in -ine/-yne) make ch ш, ou у and j ж (Mikhaïl Chichkine,
//     Шишкин; Iouri, Юрий), and drop the e of -ine (Eltsine). German, Polish,
//     Czech and Łacinka marks (w, sch, tz, sz, cz, ł, č…, a c alone before a
//     vowel) make ch х (Prochorow, Cichan) and dj д+й (Gundjajew). In German
//     proper, s before a vowel may be с or з (Sacharow is Сахаров or Захаров;
//     Sabuschko, Забужко) and ss is с. In a name with a word in -yan/-ian/-ян,
//     h at the start of a word or between vowels is the Armenian h that
//     Russian drops (Hakobyan, Акопян; Sahakyan, Саакян).
//   - Azerbaijani letters: ə is its own vowel, close to both a and e
//     (Məmmədov, Mammadov, Mamedov); ı is i, ğ g, ş and ç take the codes of
//     ш and ч; when the name has Azerbaijani letters, c reads as дж, j as ж
//     and x as kh. Elsewhere Latin x may be kh or ks and j a glide or дж: both stay
//     ambiguous codes that the edit costs match against either reading.
//
// Rewriting rules then remove the differences romanisations make in writing
// one sound sequence: doubled letters (Mammadov, Mamadov), the glide between
// a vowel and e (Mustafayev, Mustafaev), я ю е ё after a consonant read as
// plain vowels (Siarhei, Sergei; Lyudmila, Ludmila; Pyotr, Petr), a word-
// initial je before a consonant read as e (Jelzin, Yeltsin), дз read as д
// (Dzmitry, Dmitry; Uladzimir), d+ж as дж, t+s as ц, gu before e or i as g
// (Guennadi), Azerbaijani -bəyov as Russian -беков (İbrahimbəyov,
// Ибрагимбеков). u after a vowel and before a consonant becomes w, which
// the edit costs read as Belarusian ў, a v (Tsikhanouskaya, Tikhanovskaya;
// Makarau, Makarov), or, with an o before it, as the French ou, a u
// (Boulat, Булат; Toumanian, Tumanyan).
//
// # Comparing words
//
// Two words are compared with a weighted edit distance (distance.go).
// Substitutions between sounds that spellings and neighbouring languages
// swap are cheap: vowels, most of all a/o (Belarusian akanne) and a/e/ə; g,
// h, kh and q (Ihar/Igor, Həsən/Гасан, Xəlil/Khalil, Qara/Кара); ч and х
// (ch in English and in German); ts and t, cheaper before i or e
// (Belarusian tsekanne: Putsila, Путило); ts and z (German z); b and p
// (Hakobyan, Акопян); the sibilants; v, u and ў; the glide and j. Two moves
// look further: Latin x against ks, and o+ў against u (French ou). The
// Armenian h is cheap to drop, and so is a vowel that repeats the one before
// it (Sahakyan, Саакян). A full substitution, insertion or deletion of a
// consonant costs the most, and counts as a hard edit; so does a vowel
// other than i that only one word has between two consonants (Khachaturyan,
// Khachatryan), which spellings of one name hardly ever need. The
// similarity is one minus the distance over the cost of deleting the
// heavier word (consonants weigh more than vowels), multiplied by 0.93 for
// each hard edit: variants of one name rarely need a hard edit, different
// surnames (Golovkin, Golovin) usually do.
//
// # Given names
//
// A table (given.go) gives the Belarusian, Russian and Ukrainian forms of
// common given names, with German, Polish and Łacinka spellings, the gender,
// and a few Azerbaijani, Georgian, Armenian and Arabic-origin names:
// Ihar/Igor, Siarhei/Sergei/Serhiy, Mikalai/Nikolai/Mykola, Volha/Olga,
// Hanna/Anna, Lev/Léon, Franciszek/Францыск, Hovhannes/Ованес, Serzh/Serge.
// Forms are folded with the same rules when the package loads. Two words
// of the same table name score 1; of different table names (Aleksandr and
// Aleksandra, Ilham and Ilgar) at most 0.5. A table name against an
// unlisted spelling is compared with its closest form.
//
// # Aligning the words
//
// Word order is free (Surname, Given; Given Surname). Every word of the
// shorter name is paired with a word of the longer one, best pair first,
// and the pair similarities are multiplied. When that scores below the
// threshold, two neighbouring words of one name are also tried as one word,
// if the joined word comes close to a word of the other name: a hyphen and
// a space write one name (Emir Usein, Emir-Usein; Ter Petrosyan,
// Ter-Petrosyan), and so do a split suffix or a patronymic run together
// into a surname (Mustafa Zadeh, Mustafazade; Бюльбюль оглы, Bülbüloğlu). A word only one name has costs
// a little (0.93; 0.97 for an initial), unless it is the surname, when the
// names share only a given name (0.75): "Mustafaev" matches "Elvin
// Mustafayev", "Elvin" does not. An initial matches a word with the same
// first sound at 0.9; a name of initials only scores at most 0.5.
//
// # Patronymics, suffix families and gender
//
// A patronymic is an optional part: the word before a marker (Rauf oğlu,
// оглы, qızı, кызы, uly, uulu) or a word in -ovich/-evna/-ivna/-ichna or
// Kazakh -ұлы/-uly (in names of three words, the middle or last one, so
// that Pratasevich in a two-word name stays a surname). Belarusian surnames
// often end like a man's patronymic (-кевіч, -евіч, -овіч, -віч): a word in
// -ich is never the patronymic of a woman's name (a woman's given name of
// the table, a feminine surname ending, or a patronymic in -аўна, -еўна,
// -овна, -ivna, or qızı already found), nor the last word after a given
// name and an initial (Ihar M. Karatkevich); when both the middle and the
// last word end in -ich, the patronymic is the one whose stem is nearer a
// given name (Ihar Karatkevich Mikalaevich). So Olga Karatkevich meets
// Вольга Мікалаеўна Караткевіч. When only one name has it, it is ignored; when both
// do and the fathers' names differ, the score is halved, which keeps
// fathers and sons of the same name apart (Heydar Ilham oğlu Aliyev, Heydar
// Alirza oğlu Aliyev). It is never paired with a given name.
//
// Surname suffixes sort surnames into families: -ov/-ev/-au, -ski, -li,
// -zade, -oğlu, -qızı, -enko, -uk. A Kazakh surname in -ұлы/-uly is taken
// in its Russian form in -ов/-ев (Qunanbaiuly, Кунанбаев), unless -uly
// ends a given name in -quli (Magtymguly). Two words of different families (Hasanov,
// Hasanli, Hasanzade) score at most 0.5. Gender comes from the table, from
// surname endings (-ov/-ova, -ski/-skaya), from a final a added to the same
// word (Ramil/Ramila, Putin/Putina), from adjectival endings
// (Navalny/Navalnaya) and from the patronymic; a man's word against a
// woman's scores at most 0.5, and names of opposite overall gender are
// halved.
//
// # Other scripts
//
// A name with letters of a script the scorer does not fold (Arabic,
// Georgian, Armenian, Han…) is not transliterated: it is compared as
// normalised text (NFKC, case-folded with golang.org/x/text/cases, words
// sorted), scoring 1 when equal and 0 otherwise. Name.Known and Result.Exact
// report it.
//
// # Places and organizations
//
// SamePlace (and PreparePlace for one name against many) tells when two
// written names of a place of detention or of an organization name one
// record. It reads a kind of place from a short table (place_kinds.go),
// numbers and the other words, folded with the same letters as personal
// names and compared with the same edit costs: kind and numbers must be
// equal, towns close (see SamePlace for what it does not do).
//
// # Known limits
//
//   - Vowel substitutions are cheap, because transliteration swaps vowels
//     all the time (ə as a or e, Belarusian я for е, akanne), so given names
//     that differ only in a vowel pass as one name unless the table lists
//     both (it lists Rashad and Rashid, Aydın and Aydan; not Emin and Amin),
//     and so do surnames that differ only in a vowel of the stem
//     (Patrushev, Petrushev; Jalolov, Jalilov) or in a vowel beside a glide
//     (Shengelia, Shengelaia; Mirziyoyev, Mirzayev).
//   - Word order is free: "Ali Hasan" and "Hasan Ali" score 1.
//   - A patronymic written without marker or suffix ("Aliyev Ilham Heydar")
//     is taken as another given name.
//   - Diminutives (Sasha, Misha, Dima, Kastus) are not in the table.
//   - Double surnames against one of their halves (Sharenda-Panasiuk,
//     Sharenda) score low.
//   - The styles are guessed from the whole name and can be wrong: a French
//     spelling without French marks keeps ch as ч (Chichkin is Чичкин, not
//     Шишкин), and a Georgian given name in -ine makes ch ш (Konstantine
//     Chkheidze). German spellings without German marks (Sachar, Surab)
//     rely on cheap s/z and ч/х costs.
//   - Historical Russian forms that are not transliterations score low
//     (Behbudov, Бейбутов; Magtymguly, Махтумкули), and so do names that
//     switch suffix family for one person (Hacıbəyli, Hajibeyov).
//   - Blocking keys depend on the given-name table: stored keys must be
//     rebuilt when the table changes.
package names
