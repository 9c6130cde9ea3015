#include "faker.h"

#include "text.h"

#include <array>
#include <cstdio>

namespace emulator {

namespace {

// splitmix64: small, fast, and good enough to make fake people look random.
class FakerRandom {
public:
    explicit FakerRandom(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    // Inclusive range.
    int64_t between(int64_t low, int64_t high) {
        uint64_t span = static_cast<uint64_t>(high - low) + 1;
        return low + static_cast<int64_t>(next() % span);
    }
    bool chance(int percent) { return between(1, 100) <= percent; }
    template <size_t N>
    const char *pick(const std::array<const char *, N> &items) {
        return items[static_cast<size_t>(next() % N)];
    }

private:
    uint64_t state_;
};

uint64_t mix(uint64_t value) {
    FakerRandom random(value);
    return random.next();
}

uint64_t stream_salt(std::string_view name) {
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : name) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

FakerRandom row_random(std::string_view stream, int64_t index, int64_t seed) {
    return FakerRandom(mix(static_cast<uint64_t>(seed)) ^ mix(stream_salt(stream)) ^
                       mix(static_cast<uint64_t>(index) * 0x100000001b3ull + 7));
}

const std::array<const char *, 24> first_names = {
    "Ada",   "Alan",  "Grace", "Linus", "Barbara", "Ken",   "Margaret", "Dennis", "Frances", "Edsger", "Radia", "Niklaus",
    "Hedy",  "Tim",   "Karen", "Bjarne", "Sophie", "Guido", "Joan",     "Donald", "Annie",   "John",   "Mary",  "Yukihiro"};
const std::array<const char *, 24> last_names = {
    "Lovelace", "Turing",  "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie",
    "Allen",    "Dijkstra", "Perlman", "Wirth",  "Lamarr", "Berners",  "Jones",    "Stroustrup",
    "Wilson",   "Rossum",  "Clarke", "Knuth",    "Easley", "Backus",   "Keller",   "Matsumoto"};
const std::array<const char *, 6> titles = {"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Mx."};
const std::array<const char *, 5> email_domains = {"example.com", "example.org", "example.net", "mail.test",
                                                   "inbox.test"};
const std::array<const char *, 4> genders = {"Female", "Male", "Fluid", "Other"};
const std::array<const char *, 10> languages = {"English", "French",   "German",  "Spanish", "Japanese",
                                                "Swahili", "Portuguese", "Hindi", "Polish",  "Korean"};
const std::array<const char *, 4> degrees = {"Bachelor", "Master", "PhD", "None"};
const std::array<const char *, 10> nationalities = {"American", "British", "Canadian", "French",  "German",
                                                    "Indian",   "Japanese", "Kenyan",  "Mexican", "Polish"};
const std::array<const char *, 12> occupations = {"Engineer", "Teacher",  "Nurse",     "Pilot",  "Chef",    "Carpenter",
                                                  "Designer", "Librarian", "Economist", "Farmer", "Lawyer",  "Pharmacist"};
const std::array<const char *, 8> blood_types = {"O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-"};
const std::array<const char *, 10> street_names = {"Maple",  "Oak",    "Pine",   "Cedar",  "Elm",
                                                   "Birch",  "Willow", "Spruce", "Walnut", "Chestnut"};
const std::array<const char *, 4> street_kinds = {"Street", "Avenue", "Road", "Lane"};
const std::array<const char *, 10> cities = {"Springfield", "Riverton", "Lakeside",  "Fairview", "Georgetown",
                                             "Ashland",     "Milton",   "Clearwater", "Oakdale", "Brookfield"};
const std::array<const char *, 10> states = {"California", "Texas",    "Ohio",  "Oregon",  "Maine",
                                             "Nevada",     "Colorado", "Idaho", "Vermont", "Georgia"};
const std::array<const char *, 6> country_codes = {"US", "CA", "GB", "DE", "FR", "JP"};
const std::array<const char *, 12> makes = {"Mazda",  "Toyota", "Ford",  "Honda",   "Volvo", "Subaru",
                                            "Nissan", "Kia",    "Skoda", "Renault", "Fiat",  "Saab"};
const std::array<const char *, 12> models = {"MX-5",   "Corolla", "Focus", "Civic",  "V70",     "Impreza",
                                             "Leaf",   "Rio",     "Octavia", "Clio", "Panda",   "900"};

// 2020-01-01T00:00:00Z: fake records are dated in the few years after it.
constexpr int64_t epoch_2020 = 1577836800;
constexpr int64_t three_years = 3LL * 365 * 86400;

Json user_row(int64_t index, int64_t seed) {
    FakerRandom random = row_random("users", index, seed);
    std::string first = random.pick(first_names);
    std::string last = random.pick(last_names);
    int64_t created = epoch_2020 + random.between(0, three_years);
    int64_t updated = created + random.between(0, 365LL * 86400);
    Json row = Json::object();
    row.set_integer("id", index + 1);
    row.set_string("created_at", iso8601_faker(created));
    row.set_string("updated_at", iso8601_faker(updated));
    row.set_string("name", first + " " + last);
    row.set_string("title", random.pick(titles));
    row.set_integer("age", random.between(18, 85));
    row.set_string("email", to_lower(first) + "." + to_lower(last) + std::to_string(index + 1) + "@" +
                                random.pick(email_domains));
    char telephone[64];
    std::snprintf(telephone, sizeof telephone, "+1-%03lld-%03lld-%04lld", static_cast<long long>(random.between(200, 999)),
                  static_cast<long long>(random.between(200, 999)), static_cast<long long>(random.between(0, 9999)));
    row.set_string("telephone", telephone);
    row.set_string("gender", random.pick(genders));
    row.set_string("language", random.pick(languages));
    row.set_string("academic_degree", random.pick(degrees));
    row.set_string("nationality", random.pick(nationalities));
    row.set_string("occupation", random.pick(occupations));
    char height[48];
    const int64_t centimetres = random.between(145, 205);
    std::snprintf(height, sizeof height, "%lld.%02lld", static_cast<long long>(centimetres / 100),
                  static_cast<long long>(centimetres % 100));
    row.set_string("height", height);
    row.set_string("blood_type", random.pick(blood_types));
    row.set_integer("weight", random.between(45, 130));
    Json address = Json::object();
    address.set_string("street_number", std::to_string(random.between(1, 9999)));
    address.set_string("street_name", std::string(random.pick(street_names)) + " " + random.pick(street_kinds));
    address.set_string("city", random.pick(cities));
    address.set_string("state", random.pick(states));
    address.set_string("province", random.pick(states));
    char postal[32];
    std::snprintf(postal, sizeof postal, "%05lld", static_cast<long long>(random.between(1000, 99999)));
    address.set_string("postal_code", postal);
    address.set_string("country_code", random.pick(country_codes));
    row.set("address", std::move(address));
    return row;
}

Json product_row(int64_t index, int64_t seed) {
    FakerRandom random = row_random("products", index, seed);
    int64_t created = epoch_2020 + random.between(0, three_years);
    Json row = Json::object();
    row.set_integer("id", index + 1);
    row.set_string("make", random.pick(makes));
    row.set_string("model", random.pick(models));
    row.set_integer("year", random.between(1990, 2024));
    row.set_number("price", static_cast<double>(random.between(100000, 9000000)) / 100.0);
    row.set_string("created_at", iso8601_faker(created));
    row.set_string("updated_at", iso8601_faker(created + random.between(0, 365LL * 86400)));
    return row;
}

Json purchase_row(int64_t index, int64_t count, int64_t seed) {
    FakerRandom random = row_random("purchases", index, seed);
    int64_t created = epoch_2020 + random.between(0, three_years);
    int64_t added = created + random.between(0, 86400);
    Json row = Json::object();
    row.set_integer("id", index + 1);
    row.set_integer("user_id", random.between(1, count < 1 ? 1 : count));
    row.set_integer("product_id", random.between(1, 100));
    row.set_string("created_at", iso8601_faker(created));
    row.set_string("updated_at", iso8601_faker(added + random.between(0, 30LL * 86400)));
    row.set_string("added_to_cart_at", iso8601_faker(added));
    // Abandoned carts have no purchased_at; a few purchases come back.
    if (random.chance(85)) {
        int64_t purchased = added + random.between(60, 7LL * 86400);
        row.set_string("purchased_at", iso8601_faker(purchased));
        if (random.chance(10)) {
            row.set_string("returned_at", iso8601_faker(purchased + random.between(86400, 20LL * 86400)));
        } else {
            row.set_null("returned_at");
        }
    } else {
        row.set_null("purchased_at");
        row.set_null("returned_at");
    }
    return row;
}

}  // namespace

const std::vector<FakerStream> &faker_streams() {
    static const std::vector<FakerStream> streams = {
        {"users",
         {{"id", ColumnType::integer},
          {"created_at", ColumnType::timestamp},
          {"updated_at", ColumnType::timestamp},
          {"name", ColumnType::string},
          {"title", ColumnType::string},
          {"age", ColumnType::integer},
          {"email", ColumnType::string},
          {"telephone", ColumnType::string},
          {"gender", ColumnType::string},
          {"language", ColumnType::string},
          {"academic_degree", ColumnType::string},
          {"nationality", ColumnType::string},
          {"occupation", ColumnType::string},
          {"height", ColumnType::string},
          {"blood_type", ColumnType::string},
          {"weight", ColumnType::integer},
          {"address", ColumnType::object}},
         620},
        {"products",
         {{"id", ColumnType::integer},
          {"make", ColumnType::string},
          {"model", ColumnType::string},
          {"year", ColumnType::integer},
          {"price", ColumnType::number},
          {"created_at", ColumnType::timestamp},
          {"updated_at", ColumnType::timestamp}},
         190},
        {"purchases",
         {{"id", ColumnType::integer},
          {"user_id", ColumnType::integer},
          {"product_id", ColumnType::integer},
          {"created_at", ColumnType::timestamp},
          {"updated_at", ColumnType::timestamp},
          {"added_to_cart_at", ColumnType::timestamp},
          {"purchased_at", ColumnType::timestamp},
          {"returned_at", ColumnType::timestamp}},
         270},
    };
    return streams;
}

const FakerStream *find_faker_stream(std::string_view name) {
    for (const auto &stream : faker_streams())
        if (stream.name == name) return &stream;
    return nullptr;
}

int64_t faker_row_count(const FakerStream &stream, int64_t count) {
    if (stream.name == "products") return 100;
    return count;
}

Json faker_row(const FakerStream &stream, int64_t index, int64_t count, int64_t seed) {
    if (stream.name == "users") return user_row(index, seed);
    if (stream.name == "products") return product_row(index, seed);
    return purchase_row(index, count, seed);
}

FakerSettings faker_settings(const cJSON *configuration) {
    FakerSettings settings;
    if (auto count = json_integer(configuration, "count"); count && *count >= 1) settings.count = *count;
    if (auto seed = json_integer(configuration, "seed"); seed && *seed != -1) settings.seed = *seed;
    return settings;
}

}  // namespace emulator
