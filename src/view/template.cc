// The one C++ file: a C API over Google ctemplate (see template.h).
//
// Templates are ctemplate's (parsing, AUTOESCAPE, modifiers, the template
// cache); the dictionaries are kyodo's own (class Dict below), handed to
// ctemplate through its TemplateDictionaryInterface. ctemplate's own
// TemplateDictionary builds a debug name with vsnprintf for every section
// dictionary, keeps each dictionary's values in a std::map and formats
// integers with printf: measured, that was a third of a list page's cost.
// A Dict keeps its values in a small array searched by ctemplate's key id,
// and every dictionary of one page lives in one arena freed by tdict_free.
//
// Semantics are ctemplate's (template_dictionary.cc), exactly as far as this
// API reaches:
//  - a variable is looked up in the dictionary, then in its parent section
//    dictionaries up to the root or the include dictionary, then among the
//    template-global values (tdict_set_global), then in ctemplate's global
//    dictionary (only the built-ins BI_SPACE and BI_NEWLINE: this API never
//    sets a global value); a missing variable is empty;
//  - an include dictionary (tdict_add_include) has no parent: it sees its own
//    values and the template-global values only;
//  - a section is shown when the dictionary or one of its parents has it;
//    tdict_show adds one empty dictionary to a section the dictionary does
//    not have yet, so a shown section expands once with the values of the
//    dictionary that showed it (not with those of a child that asks), and
//    tdict_add_section after tdict_show expands it twice;
//  - sections and includes are separate name spaces; setting a value twice
//    keeps the last one.
#include "view/template.h"

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary_interface.h>
#include <ctemplate/template_emitter.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

extern "C" {
#include "util/buf.h"
}

namespace ctemplate
{
// Defined and exported by libctemplate for its STS_INIT macro, and a friend
// of TemplateString: returns the string's id (cached by template tokens,
// otherwise computed), the only public way to read it.
TemplateId GlobalIdForSTS_INIT(const TemplateString &s);
} // namespace ctemplate

using ctemplate::TemplateDictionaryInterface;
using ctemplate::TemplateId;
using ctemplate::TemplateString;

namespace
{

// One strip mode for loading and expanding: ctemplate caches a template per
// (file, strip mode), so tpl_preload must parse what tpl_expand uses.
// Measured on every page (Nov 2026): the templates have no indentation and
// no multi-line tags, so STRIP_BLANK_LINES only drops about 20 empty lines
// (0.1 % of a page), and STRIP_WHITESPACE (-2 %) joins lines and removes
// the space between inline elements (a label and its input, a button and
// the link after it) on most pages. Neither is worth it.
constexpr ctemplate::Strip kStrip = ctemplate::DO_NOT_STRIP;

// Size of an arena's first block (it also holds the Root) and of the next.
constexpr size_t kFirstBlock = 8192;
constexpr size_t kBlock = 32768;

// First size of an output buffer: a list page is 20-40 KB, and growing from
// a few hundred bytes by doubling copied it several times over.
constexpr size_t kOutput = 65536;

// Test hook (tpl_test_fail_blocks): fail block allocations after this many
// more succeed; negative: never.
long g_blocks_left = -1;

// The id of a string as ctemplate computes it (a 64-bit hash, low bit set).
TemplateId Id(const TemplateString &s)
{
	return ctemplate::GlobalIdForSTS_INIT(s);
}

// The bit of an id in a table's 64-bit filter.
uint64_t FilterBit(TemplateId id)
{
	return uint64_t{1} << ((id >> 1) & 63);
}

// The key cache of KeyId: an open-addressing table by the address of a
// string literal.
struct KeySlot {
	const char *addr; // the literal's address; nullptr: empty slot
	TemplateId id;    // its id
};
KeySlot *g_keys;   // the table (allocated once, grown, never freed)
size_t g_key_mask; // its size - 1 (a power of two)
size_t g_key_used; // slots in use

// Where the probe for address a starts.
size_t KeyHash(const char *a)
{
	uint64_t x = reinterpret_cast<uintptr_t>(a) >> 3;
	return static_cast<size_t>((x * 0x9E3779B97F4A7C15ULL) >> 40) &
	       g_key_mask;
}

// Room for one more key (the table at most half full); false when out of
// memory.
bool KeyRoom()
{
	if (g_keys != nullptr && g_key_used + 1 <= (g_key_mask + 1) / 2)
		return true;
	size_t size = g_keys != nullptr ? 2 * (g_key_mask + 1) : 1024;
	KeySlot *old = g_keys;
	size_t old_size = old != nullptr ? g_key_mask + 1 : 0;
	KeySlot *t = static_cast<KeySlot *>(std::calloc(size, sizeof(KeySlot)));

	if (t == nullptr)
		return false;
	g_keys = t;
	g_key_mask = size - 1;
	for (size_t j = 0; j < old_size; j++) {
		if (old[j].addr == nullptr)
			continue;
		size_t k = KeyHash(old[j].addr);
		while (t[k].addr != nullptr)
			k = (k + 1) & g_key_mask;
		t[k] = old[j];
	}
	std::free(old);
	return true;
}

// KeyId's slow path: the id of s computed, and cached when s is a literal.
__attribute__((noinline)) TemplateId KeyIdNew(const char *s, bool literal)
{
	TemplateId id = Id(TemplateString(s));

	if (literal && KeyRoom()) {
		size_t i = KeyHash(s);
		while (g_keys[i].addr != nullptr)
			i = (i + 1) & g_key_mask;
		g_keys[i] = KeySlot{s, id};
		g_key_used++;
	}
	return id;
}

// The id of a key given to the C API. Keys are nearly always string
// literals (about 300 distinct ones): their text cannot change, so their ids
// are cached by address. Any other key (page_nav builds one in a buffer on
// the stack, which holds another key the next time) is hashed each time, so
// the cache never grows with keys built at new addresses. Workers are
// single-threaded processes.
inline TemplateId KeyId(const char *s)
{
	uintptr_t a = reinterpret_cast<uintptr_t>(s);
	// the executable's read-only part, as ctemplate's TemplateString
	// tells (template_string.h declares both symbols, weak)
	bool literal = a >= reinterpret_cast<uintptr_t>(_start) &&
	               a < reinterpret_cast<uintptr_t>(data_start);

	if (literal && g_keys != nullptr)
		for (size_t i = KeyHash(s); g_keys[i].addr != nullptr;
		     i = (i + 1) & g_key_mask)
			if (g_keys[i].addr == s)
				return g_keys[i].id;
	return KeyIdNew(s, literal);
}

// A value: points into the arena (or at a string literal).
struct Var {
	TemplateId id; // the variable's id
	const char *p; // its value
	size_t len;    // the value's length in bytes
};

// A section or include name of one dictionary and its dictionaries.
class Dict;
struct Sec {
	TemplateId id; // the name's id
	Dict *first;   // first dictionary added (nullptr: none)
	Dict *last;    // last one, where the next is linked
	bool include;  // an include (tdict_add_include), else a section
	bool shown;    // tdict_show came first: expands once with the owner
};

struct Root;

// A growable array in the arena, with a filter of the ids it holds: most
// lookups (names a dictionary does not have) end at one AND.
template <typename T> struct Table {
	T *v;          // the entries
	uint32_t n;    // entries used
	uint32_t cap;  // entries allocated
	uint64_t bits; // FilterBit of every id present

	bool may_have(TemplateId id) const
	{
		return (bits & FilterBit(id)) != 0;
	}
	// A new entry at the end (contents unset); nullptr when out of memory.
	T *append(Root *r, TemplateId id);
};

// The arena and the template-global values of one top-level dictionary.
struct Root {
	char *cur;         // free space of the current block
	char *end;         // its end
	void *blocks;      // blocks after the first, newest first (linked)
	bool failed;       // an allocation failed: expansion returns -1
	Table<Var> global; // tdict_set_global values
	Dict *top;         // the top-level dictionary

	// n bytes (8-aligned) or nullptr, after which failed is set.
	void *alloc(size_t n);
	// A copy of s[0..n) with a NUL, or nullptr.
	const char *copy(const char *s, size_t n);
	bool grow(size_t n);
};

inline void *Root::alloc(size_t n)
{
	n = (n + 7) & ~size_t{7};
	if (static_cast<size_t>(end - cur) < n && !grow(n))
		return nullptr;
	void *p = cur;
	cur += n;
	return p;
}

// A new block for at least n bytes; the rest of the old one is abandoned.
__attribute__((noinline)) bool Root::grow(size_t n)
{
	const size_t head = 16; // the link, keeps 16-byte alignment
	size_t size = n + head > kBlock ? n + head : kBlock;
	char *b = nullptr;

	if (!failed && g_blocks_left != 0) {
		if (g_blocks_left > 0)
			g_blocks_left--;
		b = static_cast<char *>(std::malloc(size));
	}
	if (b == nullptr) {
		failed = true;
		return false;
	}
	std::memcpy(b, &blocks, sizeof(blocks));
	blocks = b;
	cur = b + head;
	end = b + size;
	return true;
}

const char *Root::copy(const char *s, size_t n)
{
	char *p = static_cast<char *>(alloc(n + 1));

	if (p == nullptr)
		return nullptr;
	std::memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

template <typename T> T *Table<T>::append(Root *r, TemplateId id)
{
	if (n == cap) {
		uint32_t ncap = cap != 0 ? cap * 2 : 8;
		T *nv = static_cast<T *>(r->alloc(ncap * sizeof(T)));
		if (nv == nullptr)
			return nullptr;
		if (n != 0)
			std::memcpy(static_cast<void *>(nv), v, n * sizeof(T));
		v = nv; // the old array stays in the arena until tdict_free
		cap = ncap;
	}
	bits |= FilterBit(id);
	return &v[n++];
}

// The value of id in t, or nullptr.
const Var *FindVar(const Table<Var> &t, TemplateId id)
{
	if (!t.may_have(id))
		return nullptr;
	for (uint32_t i = 0; i < t.n; i++)
		if (t.v[i].id == id)
			return &t.v[i];
	return nullptr;
}

// Set id to value (copied) in t; false when out of memory.
bool PutVar(Root *r, Table<Var> &t, TemplateId id, const char *value)
{
	size_t len = std::strlen(value);
	const char *p = r->copy(value, len);

	if (p == nullptr)
		return false;
	Var *v = const_cast<Var *>(FindVar(t, id));
	if (v == nullptr && (v = t.append(r, id)) == nullptr)
		return false;
	*v = Var{id, p, len};
	return true;
}

// One dictionary: the top-level one, a section's or an include's.
class Dict final : public TemplateDictionaryInterface
{
      public:
	Dict(Root *root, const Dict *parent)
	    : root(root), parent(parent), next(nullptr), vars(), secs(),
	      filename(nullptr)
	{
	}

	// The section (include false) or include entry named id of this
	// dictionary itself, or nullptr.
	Sec *Find(TemplateId id, bool include) const
	{
		if (!secs.may_have(id))
			return nullptr;
		for (uint32_t i = 0; i < secs.n; i++)
			if (secs.v[i].id == id && secs.v[i].include == include)
				return &secs.v[i];
		return nullptr;
	}
	// The entry as seen from here: this dictionary's or a parent's; the
	// dictionary holding it in *owner.
	const Sec *Lookup(TemplateId id, bool include, const Dict **owner) const
	{
		for (const Dict *d = this; d != nullptr; d = d->parent) {
			const Sec *s = d->Find(id, include);
			if (s != nullptr) {
				*owner = d;
				return s;
			}
		}
		return nullptr;
	}

	Root *const root;         // arena, template-global values
	const Dict *const parent; // enclosing section's dictionary, or nullptr
	Dict *next;               // next dictionary of the same section/include
	Table<Var> vars;          // this dictionary's values
	Table<Sec> secs;          // its sections and includes
	const char *filename;     // an include's template file

      protected:
	TemplateString GetValue(const TemplateString &variable) const override;
	bool IsHiddenSection(const TemplateString &name) const override
	{
		const Dict *owner;
		return Lookup(Id(name), false, &owner) == nullptr;
	}
	bool IsUnhiddenSection(const TemplateString &name) const override
	{
		return !IsHiddenSection(name);
	}
	bool IsHiddenTemplate(const TemplateString &name) const override
	{
		const Dict *owner;
		return Lookup(Id(name), true, &owner) == nullptr;
	}
	const char *GetIncludeTemplateName(const TemplateString &variable,
	                                   int dictnum) const override;
	Iterator *
	CreateTemplateIterator(const TemplateString &section) const override;
	Iterator *
	CreateSectionIterator(const TemplateString &section) const override;
	void DumpToString(std::string *out, int level) const override;

      private:
	class Iter;
};

// Walks the dictionaries of one section or include. ctemplate creates one
// per section it expands and deletes it after: they are recycled here
// instead of going through malloc (the free list lives as long as the
// process).
class Dict::Iter final : public TemplateDictionaryInterface::Iterator
{
      public:
	Iter(const Dict *owner, const Dict *first) : owner_(owner), next_(first)
	{
	}
	bool HasNext() const override
	{
		return owner_ != nullptr || next_ != nullptr;
	}
	const TemplateDictionaryInterface &Next() override
	{
		const Dict *d = owner_;

		if (d != nullptr) {
			owner_ = nullptr;
		} else {
			d = next_;
			next_ = d->next;
		}
		return *d;
	}
	static void *operator new(size_t n)
	{
		if (free_ != nullptr) {
			void *p = free_;
			std::memcpy(&free_, p, sizeof(free_));
			return p;
		}
		return ::operator new(n);
	}
	static void operator delete(void *p)
	{
		std::memcpy(p, &free_, sizeof(free_));
		free_ = p;
	}

      private:
	const Dict *owner_; // a shown section's owner, to expand with first
	const Dict *next_;  // the next added dictionary
	static void *free_; // recycled iterators, linked through their bytes
};

void *Dict::Iter::free_ = nullptr;

TemplateId g_bi_space;   // id of BI_SPACE (set by the first GetValue)
TemplateId g_bi_newline; // id of BI_NEWLINE

TemplateString Dict::GetValue(const TemplateString &variable) const
{
	TemplateId id = Id(variable);
	const Var *v;

	for (const Dict *d = this; d != nullptr; d = d->parent)
		if ((v = FindVar(d->vars, id)) != nullptr)
			return TemplateString(v->p, v->len);
	if ((v = FindVar(root->global, id)) != nullptr)
		return TemplateString(v->p, v->len);
	// ctemplate's global dictionary: only its built-ins can be set
	if (g_bi_space == 0) {
		g_bi_space = Id(TemplateString("BI_SPACE"));
		g_bi_newline = Id(TemplateString("BI_NEWLINE"));
	}
	if (id == g_bi_space)
		return TemplateString(" ", 1);
	if (id == g_bi_newline)
		return TemplateString("\n", 1);
	return TemplateString("", 0);
}

const char *Dict::GetIncludeTemplateName(const TemplateString &variable,
                                         int dictnum) const
{
	const Dict *owner;
	const Sec *s = Lookup(Id(variable), true, &owner);
	const Dict *d = s != nullptr ? s->first : nullptr;

	for (; d != nullptr && dictnum > 0; dictnum--)
		d = d->next;
	return d != nullptr && d->filename != nullptr ? d->filename : "";
}

TemplateDictionaryInterface::Iterator *
Dict::CreateTemplateIterator(const TemplateString &section) const
{
	const Dict *owner;
	const Sec *s = Lookup(Id(section), true, &owner);

	// ctemplate asks only after IsHiddenTemplate said no
	return new Iter(nullptr, s != nullptr ? s->first : nullptr);
}

TemplateDictionaryInterface::Iterator *
Dict::CreateSectionIterator(const TemplateString &section) const
{
	const Dict *owner = nullptr;
	const Sec *s = Lookup(Id(section), false, &owner);

	if (s == nullptr)
		return new Iter(nullptr, nullptr);
	return new Iter(s->shown ? owner : nullptr, s->first);
}

void Dict::DumpToString(std::string *out, int level) const
{
	std::string pad(static_cast<size_t>(level) * ctemplate::kIndent, ' ');
	char id[24];

	*out += pad + "dictionary {\n";
	for (uint32_t i = 0; i < vars.n; i++) {
		std::snprintf(id, sizeof(id), "%016llx",
		              static_cast<unsigned long long>(vars.v[i].id));
		*out += pad + "  " + id + ": >" +
		        std::string(vars.v[i].p, vars.v[i].len) + "<\n";
	}
	for (uint32_t i = 0; i < secs.n; i++) {
		std::snprintf(id, sizeof(id), "%016llx",
		              static_cast<unsigned long long>(secs.v[i].id));
		*out += pad +
		        (secs.v[i].include ? "  include " : "  section ") + id +
		        (secs.v[i].shown ? " (shown)\n" : "\n");
		for (const Dict *d = secs.v[i].first; d; d = d->next)
			d->DumpToString(out, level + 2);
	}
	*out += pad + "}\n";
}

// What every call gets after an allocation failed inside a section or
// include: a dictionary of a root that has failed, so that writes to it are
// ignored and expanding it returns -1. The page's own root is marked failed
// too, so the page is never shown half filled.
Root g_failed_root = {nullptr, nullptr, nullptr, true, {}, nullptr};
Dict g_sink(&g_failed_root, nullptr);

// A new dictionary of section or include id under d, or &g_sink.
Dict *AddChild(Dict *d, TemplateId id, bool include)
{
	Root *r = d->root;
	Sec *s = d->Find(id, include);

	if (s == nullptr) {
		if ((s = d->secs.append(r, id)) == nullptr)
			return &g_sink;
		*s = Sec{id, nullptr, nullptr, include, false};
	}
	void *mem = r->alloc(sizeof(Dict));
	if (mem == nullptr)
		return &g_sink;
	Dict *child = new (mem) Dict(r, include ? nullptr : d);
	if (s->last != nullptr)
		s->last->next = child;
	else
		s->first = child;
	s->last = child;
	return child;
}

// Appends expanded text to a struct buf; remembers allocation failure.
// ctemplate emits every text run and value separately (about 800 pieces for
// a list page), so the common case is an inline copy into spare capacity.
class BufEmitter final : public ctemplate::ExpandEmitter
{
      public:
	explicit BufEmitter(struct buf *b) : b_(b), failed_(false)
	{
	}
	void Emit(char c) override
	{
		put(&c, 1);
	}
	void Emit(const std::string &s) override
	{
		put(s.data(), s.size());
	}
	void Emit(const char *s) override
	{
		put(s, std::strlen(s));
	}
	void Emit(const char *s, size_t n) override
	{
		put(s, n);
	}
	// Terminates the buffer; false if an append ran out of memory.
	bool finish()
	{
		if (b_->data != nullptr)
			b_->data[b_->len] = '\0';
		return !failed_;
	}

      private:
	void put(const char *s, size_t n)
	{
		// keeps room for the NUL that finish() writes
		if (n < b_->cap - b_->len) {
			std::memcpy(b_->data + b_->len, s, n);
			b_->len += n;
		} else {
			put_slow(s, n);
		}
	}
	void put_slow(const char *s, size_t n)
	{
		size_t want = b_->len + n + 1;
		size_t cap = b_->cap > kOutput / 2 ? b_->cap * 2 : kOutput;
		char *p;

		if (failed_ || want < n) {
			failed_ = true;
			return;
		}
		if (cap < want)
			cap = want;
		if ((p = static_cast<char *>(std::realloc(b_->data, cap))) ==
		    nullptr) {
			failed_ = true;
			return;
		}
		b_->data = p;
		b_->cap = cap;
		std::memcpy(b_->data + b_->len, s, n);
		b_->len += n;
	}
	struct buf *b_; // destination (its fields are the documented API)
	bool failed_;   // an append ran out of memory
};

Dict *D(tdict *d)
{
	return reinterpret_cast<Dict *>(d);
}

tdict *T(Dict *d)
{
	return reinterpret_cast<tdict *>(d);
}

} // namespace

// For the unit tests only (declared there, not in template.h): make the
// arena's block allocations fail after n more succeed; n < 0: never fail.
extern "C" void tpl_test_fail_blocks(long n)
{
	g_blocks_left = n;
}

extern "C" int tpl_init(const char *root)
{
	return ctemplate::mutable_default_template_cache()
	               ->SetTemplateRootDirectory(root)
	           ? 0
	           : -1;
}

extern "C" void tpl_reload(void)
{
	ctemplate::mutable_default_template_cache()->ReloadAllIfChanged(
	    ctemplate::TemplateCache::LAZY_RELOAD);
}

extern "C" int tpl_preload(const char *const *names, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if (ctemplate::Template::GetTemplate(names[i], kStrip) ==
		    nullptr)
			rc = -1;
	return rc;
}

static_assert(sizeof(Root) + sizeof(Dict) + 32 < kFirstBlock,
              "the first block holds the root and its dictionary");

extern "C" tdict *tdict_new(const char *name)
{
	(void)name; // ctemplate's debug name; kyodo's dictionaries have none
	if (g_blocks_left == 0)
		return nullptr;
	if (g_blocks_left > 0)
		g_blocks_left--;
	char *mem = static_cast<char *>(std::malloc(kFirstBlock));
	if (mem == nullptr)
		return nullptr;
	Root *r = new (mem) Root{nullptr, nullptr, nullptr, false, {}, nullptr};
	r->cur = mem + ((sizeof(Root) + 15) & ~size_t{15});
	r->end = mem + kFirstBlock;
	r->top = new (r->alloc(sizeof(Dict))) Dict(r, nullptr);
	return T(r->top);
}

extern "C" void tdict_free(tdict *d)
{
	if (d == nullptr)
		return;
	Root *r = D(d)->root;
	if (r == &g_failed_root || r->top != D(d))
		return; // not a top-level dictionary: it belongs to its root
	void *b = r->blocks;
	while (b != nullptr) {
		void *next;
		std::memcpy(&next, b, sizeof(next));
		std::free(b);
		b = next;
	}
	std::free(r); // the first block
}

extern "C" void tdict_set(tdict *d, const char *key, const char *value)
{
	Dict *x = D(d);

	if (!x->root->failed)
		PutVar(x->root, x->vars, KeyId(key),
		       value != nullptr ? value : "");
}

extern "C" void tdict_set_int(tdict *d, const char *key, long long value)
{
	Dict *x = D(d);
	char digits[24];
	char *p = digits + sizeof(digits);
	// the magnitude as unsigned, so that LLONG_MIN works too
	unsigned long long u =
	    value < 0 ? 0ULL - static_cast<unsigned long long>(value)
	              : static_cast<unsigned long long>(value);

	if (x->root->failed)
		return;
	*--p = '\0';
	do {
		*--p = static_cast<char>('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (value < 0)
		*--p = '-';
	PutVar(x->root, x->vars, KeyId(key), p);
}

extern "C" void tdict_set_global(tdict *d, const char *key, const char *value)
{
	Root *r = D(d)->root;

	if (!r->failed)
		PutVar(r, r->global, KeyId(key), value != nullptr ? value : "");
}

extern "C" void tdict_show(tdict *d, const char *section)
{
	Dict *x = D(d);
	TemplateId id = KeyId(section);
	Sec *s;

	if (x->root->failed || x->Find(id, false) != nullptr)
		return;
	if ((s = x->secs.append(x->root, id)) != nullptr)
		*s = Sec{id, nullptr, nullptr, false, true};
}

extern "C" tdict *tdict_add_section(tdict *d, const char *section)
{
	Dict *x = D(d);

	if (x->root->failed)
		return T(&g_sink);
	return T(AddChild(x, KeyId(section), false));
}

extern "C" tdict *tdict_add_include(tdict *d, const char *name,
                                    const char *file)
{
	Dict *x = D(d);

	if (x->root->failed)
		return T(&g_sink);
	Dict *inc = AddChild(x, KeyId(name), true);
	if (inc != &g_sink) {
		inc->filename = x->root->copy(file, std::strlen(file));
		if (inc->filename == nullptr)
			return T(&g_sink);
	}
	return T(inc);
}

extern "C" void tdict_set_trusted_markup(tdict *d, const char *key,
                                         const char *markup)
{
	// Only code-generated markup reaches here; the template prints it
	// with the :none modifier.
	tdict_set(d, key, markup);
}

extern "C" int tpl_expand(const char *file, tdict *d, void *out)
{
	Dict *x = D(d);
	BufEmitter em(static_cast<struct buf *>(out));

	if (x->root->failed)
		return -1;
	try {
		if (!ctemplate::ExpandTemplate(file, kStrip, x, &em))
			return -1;
	} catch (...) {
		return -1;
	}
	return em.finish() ? 0 : -1;
}
