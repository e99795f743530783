-- The terms a text can carry a theme by: what recurring lessons have in common, and what a lesson
-- shares with a risk. Filler is left out, so that "user", "users", "live" or "small" never make a
-- theme: words are read in lower case and in the singular (requirements -> requirement, supplies ->
-- supply, processes -> process), and a word is filler when it is shorter than four letters, a stop
-- word, a past tense (five letters or more ending in -ed: changed, missed; not -eed) or an adverb in
-- -ly (six letters or more: repeatedly, locally; not -ply: supply, apply).

create macro stop_words() as [
    'that', 'this', 'with', 'from', 'have', 'were', 'been', 'into', 'than', 'more', 'when', 'then',
    'they', 'their', 'there', 'which', 'would', 'could', 'should', 'after', 'before', 'each', 'only',
    'other', 'over', 'under', 'also', 'very', 'what', 'will', 'while', 'late', 'time', 'took', 'made',
    'make', 'some', 'most', 'many', 'same', 'work', 'project', 'team', 'week', 'day', 'month', 'year',
    'three', 'early', 'without', 'because', 'about', 'again', 'using', 'every', 'need', 'user', 'live',
    'small', 'twice', 'full', 'first', 'last', 'within', 'during', 'start', 'finish', 'kept', 'went',
    'past', 'little', 'tied', 'whole', 'next', 'both', 'still', 'just', 'even', 'much', 'such', 'less',
    'never', 'always', 'already', 'against', 'between', 'through', 'across', 'thing', 'part', 'case',
    'able', 'ready', 'good', 'well', 'better', 'best', 'high', 'large', 'long', 'short', 'real', 'main',
    'found', 'done', 'doing', 'does', 'being', 'come', 'came', 'gave', 'give', 'take', 'taken', 'keep', 'left',
    'right', 'down', 'back', 'know', 'known', 'lesson', 'issue', 'problem', 'people', 'person',
    'someone', 'anyone', 'everyone', 'nothing', 'something', 'anything', 'everything', 'where', 'whom',
    'whose', 'these', 'those', 'your', 'ours', 'them', 'here', 'upon', 'onto', 'like', 'unlike', 'toward',
    'towards', 'until', 'since', 'among', 'around', 'behind', 'beyond', 'despite', 'further', 'however',
    'therefore', 'thus', 'though', 'although', 'whether', 'either', 'neither', 'another', 'enough',
    'several', 'various', 'certain', 'almost', 'quite', 'rather', 'often', 'sometimes'
];

-- A word in the singular: -ies -> -y, -(ss|x|ch|sh)es -> -(ss|x|ch|sh), -s -> (not -ss, -us, -is).
create macro singular(word) as
    case
        when regexp_matches(word, '^.{2,}ies$') then regexp_replace(word, 'ies$', 'y')
        when regexp_matches(word, '^.{2,}(ss|x|ch|sh)es$') then regexp_replace(word, 'es$', '')
        when regexp_matches(word, '^.{3,}[^sui]s$') then regexp_replace(word, 's$', '')
        else word
    end;

create macro is_filler(word) as
    length(word) < 4
    or list_contains(stop_words(), word)
    or (length(word) >= 5 and regexp_matches(word, '[^e]ed$'))
    or (length(word) >= 6 and regexp_matches(word, '[^p]ly$'));

-- The text's words in order, singular, each filler word as '' and each break between clauses (a
-- full stop, comma, colon, bracket...) as '' too, so that no phrase spans them.
create macro theme_words(text) as
    list_transform(
        string_split_regex(regexp_replace(lower(coalesce(text, '')), '[.,;:!?()/]', ' | ', 'g'), '[^a-z|]+'),
        lambda w: case when w = '|' or is_filler(singular(w)) then '' else singular(w) end
    );

-- keywords: the words of a text that can carry a theme, each once.
create macro keywords(text) as list_sort(list_distinct(list_filter(theme_words(text), lambda w: w <> '')));

-- phrases: two such words side by side ("data migration", "penetration test"), each once.
create macro adjacent_pairs(words) as
    list_transform(
        list_filter(list_zip(words[:-1], words[2:]), lambda pair: pair[1] <> '' and pair[2] <> ''),
        lambda pair: pair[1] || ' ' || pair[2]
    );

create macro phrases(text) as list_sort(list_distinct(adjacent_pairs(theme_words(text))));

-- terms: a text's keywords and phrases.
create macro terms(text) as list_concat(keywords(text), phrases(text));
