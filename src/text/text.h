// Umbrella header for the text module: folding, tokens, legal forms, name words, phonetics.
// See each header for its contract; docs/text.md for the rules and tables.
#pragma once

#include "text/legal_form.h"  // IWYU pragma: export
#include "text/name_words.h"  // IWYU pragma: export
#include "text/normalize.h"   // IWYU pragma: export
#include "text/phonetic.h"    // IWYU pragma: export
