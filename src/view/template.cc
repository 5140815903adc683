// The one C++ file: a C API over Google ctemplate (see template.h).
#include "view/template.h"

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

#include <cstring>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

extern "C" {
#include "util/buf.h"
}

namespace
{

// Appends expanded text to a struct buf; remembers allocation failure.
class BufEmitter : public ctemplate::ExpandEmitter
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
		put(s, strlen(s));
	}
	void Emit(const char *s, size_t n) override
	{
		put(s, n);
	}
	bool failed() const
	{
		return failed_;
	}

      private:
	void put(const char *s, size_t n)
	{
		if (buf_put(b_, s, n) < 0)
			failed_ = true;
	}
	struct buf *b_; // destination
	bool failed_;   // an append ran out of memory
};

// A dictionary key whose ctemplate id is computed once. ctemplate otherwise
// hashes every key and takes a global mutex on each SetValue (measured: 2.5x
// the cost of building a 20-row list page's dictionary).
class Key : public ctemplate::TemplateString
{
      public:
	explicit Key(const char *s) : TemplateString(s)
	{
		CacheGlobalId();
	}
};

// One cached key: the name is owned here, so the Key's pointer stays valid.
struct KeyEntry {
	explicit KeyEntry(const char *s) : name(s), key(name.c_str())
	{
	}
	std::string name; // the key's text
	Key key;          // TemplateString with its id computed
};

// The key for s. Keys are nearly always string literals, so the cache is
// looked up by address and the text compared, which also keeps keys built
// in a reused buffer correct. Workers are single-threaded processes; the
// cache lives as long as the process and holds one entry per distinct key
// address. Falls back to an uncached key when out of memory.
ctemplate::TemplateString K(const char *s)
{
	// Allocated once and never destroyed, so every entry stays reachable
	// for the life of the process (leak checkers agree).
	static auto *cache = new std::unordered_map<const char *, KeyEntry *>;
	static auto *retired = new std::vector<KeyEntry *>;

	try {
		auto it = cache->find(s);
		if (it != cache->end() && it->second->name == s)
			return it->second->key;
		KeyEntry *e = new KeyEntry(s);
		if (it != cache->end()) {
			// ctemplate may still point at the old name
			retired->push_back(it->second);
			it->second = e;
		} else {
			cache->emplace(s, e);
		}
		return e->key;
	} catch (...) {
		return ctemplate::TemplateString(s);
	}
}

ctemplate::TemplateDictionary *D(tdict *d)
{
	return reinterpret_cast<ctemplate::TemplateDictionary *>(d);
}

tdict *T(ctemplate::TemplateDictionary *d)
{
	return reinterpret_cast<tdict *>(d);
}

} // namespace

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
		if (ctemplate::Template::GetTemplate(
		        names[i], ctemplate::DO_NOT_STRIP) == nullptr)
			rc = -1;
	return rc;
}

extern "C" tdict *tdict_new(const char *name)
{
	return T(new (std::nothrow) ctemplate::TemplateDictionary(name));
}

extern "C" void tdict_free(tdict *d)
{
	delete D(d);
}

extern "C" void tdict_set(tdict *d, const char *key, const char *value)
{
	D(d)->SetValue(K(key), value != nullptr ? value : "");
}

extern "C" void tdict_set_int(tdict *d, const char *key, long long value)
{
	D(d)->SetFormattedValue(K(key), "%lld", value);
}

extern "C" void tdict_set_global(tdict *d, const char *key, const char *value)
{
	D(d)->SetTemplateGlobalValue(K(key), value != nullptr ? value : "");
}

extern "C" void tdict_show(tdict *d, const char *section)
{
	D(d)->ShowSection(K(section));
}

extern "C" tdict *tdict_add_section(tdict *d, const char *section)
{
	return T(D(d)->AddSectionDictionary(K(section)));
}

extern "C" tdict *tdict_add_include(tdict *d, const char *name,
                                    const char *file)
{
	ctemplate::TemplateDictionary *inc =
	    D(d)->AddIncludeDictionary(K(name));

	inc->SetFilename(file);
	return T(inc);
}

extern "C" void tdict_set_trusted_markup(tdict *d, const char *key,
                                         const char *markup)
{
	// Only code-generated markup reaches here; the template prints it
	// with the :none modifier.
	D(d)->SetValue(K(key), markup != nullptr ? markup : "");
}

extern "C" int tpl_expand(const char *file, tdict *d, void *out)
{
	BufEmitter em(static_cast<struct buf *>(out));

	try {
		if (!ctemplate::ExpandTemplate(file, ctemplate::DO_NOT_STRIP,
		                               D(d), &em))
			return -1;
	} catch (...) {
		return -1;
	}
	return em.failed() ? -1 : 0;
}
