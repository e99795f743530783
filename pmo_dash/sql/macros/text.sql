-- keywords: the words of a text that can carry a theme (four letters or more, not a stop
-- word), lower case, each once. Used to find recurring themes and lessons that match a risk.
create macro keywords(text) as
    list_distinct(
        list_filter(
            string_split_regex(lower(coalesce(text, '')), '[^a-z]+'),
            lambda w: length(w) >= 4 and not list_contains(
                ['that', 'this', 'with', 'from', 'have', 'were', 'been', 'into', 'than', 'more', 'when',
                 'then', 'they', 'their', 'there', 'which', 'would', 'could', 'should', 'after', 'before',
                 'each', 'only', 'other', 'over', 'under', 'also', 'very', 'what', 'will', 'while', 'new',
                 'late', 'time', 'took', 'made', 'make', 'some', 'most', 'many', 'same', 'work', 'project',
                 'projects', 'team', 'teams', 'week', 'weeks', 'days', 'months', 'three', 'early', 'without',
                 'because', 'about', 'again', 'used', 'using', 'found', 'needed', 'needs', 'every'],
                w
            )
        )
    );
