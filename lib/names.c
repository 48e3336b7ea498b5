/*
 * names.c - name runs as newspapers write them.
 *
 * A name run is a sequence of capitalised tokens on one line, with initials
 * ("George W. Bush"), abbreviated titles ("Sen.", "Lt. Gen."), lowercase
 * particles inside a name ("Abu Marzouk", "Beto de la Cruz") and a party/state
 * suffix ("(R-Fla.)"). One PCRE2 pattern finds them in a single left-to-right
 * pass (linear: every match is short and starts at a capital). The word lists
 * below are function words and titles written for this library; they decide
 * where the bare name starts and which first names hint at a gender.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"

#define ABBR "(?:Del|Sens?|Reps?|Gov|Mrs|Mr|Ms|Dr|Gens?|Lt|Col|Rev|Sgt|Adm|Capt|Prof|Maj|Cmdr|Jr|Sr|St|Ft|Atty|Supt|Rt|Hon)\\."
#define TOK "(?:\\p{Lu}[\\p{Ll}\\p{Lu}\\p{M}]*(?:['\\x{2019}](?![sS]\\b)\\p{L}+|-\\p{L}+)*)"
#define PARTICLE "(?:de|da|del|della|der|den|di|du|van|von|bin|ibn|al|el|la|le|dos|das|ter|af)"

static const char NAME_PAT[] =
    "\\G(?<![\\p{L}\\p{N}\\p{M}'\\x{2019}@#_-])"
    "(?:" ABBR "[ \\x{A0}]{1,2})*"
    "(?:" TOK "|\\p{Lu}\\.(?:\\p{Lu}\\.)*)"
    "(?:[ \\x{A0}]{1,2}(?:" ABBR "|\\p{Lu}\\.(?:\\p{Lu}\\.)*(?=[ \\x{A0}]\\p{Lu})|" TOK "|" PARTICLE
    "(?=[ \\x{A0}]\\p{Lu})|" PARTICLE "-(?=\\p{Lu})))*"
    "(?:[ \\x{A0}]?\\((?:[RDI]|Ind|Dem|Rep)[-\\x{2013}][\\p{L}. ]{1,20}\\))?";

pcre2_code *stance_names_pattern(pcre2_compile_context *cctx, int *errcode, PCRE2_SIZE *erroff)
{
    return pcre2_compile((PCRE2_SPTR)NAME_PAT, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, errcode, erroff, cctx);
}

/* The word lists below are sorted by bytes (tests/test_quotes.c checks it): binary search. */
static int cmp_word(const char *w, size_t n, const char *entry);
#define word_cmp cmp_word

int stance_names_in_sorted(const char *const *list, size_t count, const char *w, size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = word_cmp(w, n, list[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

#define in_list(list, w, n) stance_names_in_sorted(list, sizeof list / sizeof *list - 1, w, n)

static const char *const TITLES[] = {
    "Adm.", "Agent", "Ambassador", "Anchor", "Assemblyman", "Assemblywoman", "Attorney", "Atty.", "Bishop",
    "Candidate", "Capt.", "Cardinal", "Chair", "Chairman", "Chairwoman", "Chancellor", "Chief", "Coach", "Col.",
    "Commissioner", "Congressman", "Congresswoman", "Council", "Councilman", "Councilwoman", "Dame", "Del.",
    "Delegate", "Democrat", "Democratic", "Deputy", "Detective", "Director", "Dr.", "Ex-President", "Father",
    "First", "Former", "GOP", "Gen.", "General", "Gens.", "Gov", "Gov.", "Governor", "Hon.", "Host", "House", "Imam",
    "Judge", "Justice", "King", "Lady", "Leader", "Lord", "Lt", "Lt.", "Maj.", "Majority", "Mayor", "Minister",
    "Minority", "Miss", "Moderator", "Mr.", "Mrs.", "Ms.", "Nominee", "Officer", "Pastor", "Pope", "Pres.",
    "President", "Presidential", "Press", "Prime", "Prince", "Princess", "Prof.", "Professor", "Queen", "Rabbi",
    "Rep", "Rep.", "Representative", "Reps.", "Republican", "Rev.", "Rt.", "Secretary", "Sen", "Sen.", "Senate",
    "Senator", "Sens.", "Sgt.", "Sheikh", "Sheriff", "Sir", "Speaker", "Staff", "State", "Supreme", "Vice", "Whip", NULL};

static const char *const STOP[] = {
    "A", "About", "Above", "According", "After", "Against", "All", "Also", "Although", "Among", "An", "And",
    "Another", "Any", "April", "Are", "As", "Asked", "At", "Aug", "August", "Be", "Because", "Been", "Before",
    "Being", "Below", "Between", "Blasts", "Both", "But", "By", "Calls", "Can", "Could", "Dec", "December",
    "Despite", "Did", "Do", "Does", "Don't", "Don’t", "Dr", "During", "Each", "Earlier", "Editor's", "Even", "Ever",
    "Every", "Feb", "February", "Few", "Follow", "For", "Friday", "From", "Gets", "Getty", "Goes", "Gov", "Had",
    "Has", "Have", "He", "Her", "Here", "Here's", "Hey", "His", "How", "However", "I", "If", "Images", "In",
    "Indeed", "Instead", "Into", "Is", "It", "It's", "Its", "It’s", "Jan", "January", "July", "June", "Just", "Last",
    "Later", "Less", "Let", "Let's", "Like", "Makes", "Many", "March", "May", "Maybe", "Meanwhile", "Monday", "More",
    "Most", "Mr", "Mrs", "Ms", "Much", "Must", "My", "Never", "Next", "No", "Nor", "Not", "Note", "Nov", "November",
    "Now", "OK", "Oct", "October", "Of", "Oh", "Okay", "On", "Once", "One", "Only", "Or", "Other", "Our", "Over",
    "Perhaps", "Photo", "Please", "Read", "Rep", "Saturday", "Says", "Sen", "Sept", "September", "Several",
    "She", "Should", "Since", "Slams", "So", "Some", "Still", "Such", "Sunday", "Takes", "Tells", "Thank", "Thanks",
    "That", "That's", "That’s", "The", "Their", "Then", "There", "There's", "These", "They", "This", "Those",
    "Though", "Three", "Through", "Thursday", "To", "Today", "Tomorrow", "Tonight", "Trump's", "Tuesday",
    "Two", "UPDATE", "Under", "Unless", "Unlike", "Until", "Updated", "Very", "Vs", "Warns", "Was", "Watch", "We",
    "Wednesday", "Well", "Were", "What", "What's", "When", "Where", "Where's", "Whether", "Which", "While", "Who",
    "Why", "Will", "Wins", "With", "Within", "Without", "Would", "Yes", "Yesterday", "Yet", "You", "Your", NULL};

static const char *const FEMALE[] = {
    "Abby", "Abigail", "Ada", "Adrienne", "Agnes", "Aimee", "Ainsley", "Alexandra", "Alice", "Alicia", "Alison",
    "Allison", "Alma", "Amanda", "Amber", "Amelia", "Amelie", "Amy", "Ana", "Andrea", "Angela", "Angelique", "Anita",
    "Ann", "Anne", "Annette", "Antoinette", "Aparna", "April", "Arlene", "Ashley", "Audrey", "Aung", "Ava", "Barb",
    "Barbara", "Becky", "Belinda", "Bernadette", "Bertha", "Beth", "Betsy", "Betty", "Beverly", "Beyonce", "Bonnie",
    "Brandi", "Brenda", "Bridget", "Brittany", "Brooke", "Callie", "Camila", "Candace", "Cara", "Carla", "Carly",
    "Carmen", "Carol", "Caroline", "Carolyn", "Carrie", "Cassandra", "Catherine", "Cathy", "Cecilia", "Charlene",
    "Charlotte", "Chelsea", "Cher", "Cheryl", "Chloe", "Christine", "Cindy", "Claire", "Claudia", "Cokie", "Colleen",
    "Condoleezza", "Connie", "Constance", "Courtney", "Crystal", "Cynthia", "Daisy", "Dana", "Danielle", "Darlene",
    "Dawn", "Debbie", "Deborah", "Debra", "Delores", "Denise", "Diana", "Diane", "Dianne", "Dolores", "Donna",
    "Dora", "Doris", "Dorothy", "Edith", "Eileen", "Elaine", "Eleanor", "Elena", "Elise", "Eliza", "Elizabeth",
    "Ella", "Ellen", "Ellie", "Eloise", "Elsa", "Emily", "Emma", "Erica", "Erika", "Erin", "Esther", "Ethel", "Eva",
    "Evelyn", "Faith", "Felicia", "Fiona", "Florence", "Frances", "Gabrielle", "Gail", "Gayle", "Gennifer",
    "Georgia", "Geraldine", "Gina", "Ginger", "Gladys", "Glenda", "Gloria", "Grace", "Greta", "Gretchen", "Gwen",
    "Gwendolyn", "Hannah", "Hattie", "Hazel", "Heather", "Heidi", "Helen", "Hilda", "Hillary", "Hoda", "Holly",
    "Hope", "Huma", "Ida", "Ileana", "Ilhan", "Ingrid", "Irene", "Iris", "Isabel", "Isabella", "Ivana", "Ivanka",
    "Jackie", "Jacqueline", "Jade", "Jan", "Jane", "Janet", "Janice", "Jasmine", "Jean", "Jeanine", "Jeanne",
    "Jeannie", "Jen", "Jenna", "Jennifer", "Jenny", "Jessica", "Jill", "Jo", "Joan", "Joanna", "Joanne", "Jocelyn",
    "Josephine", "Joy", "Joyce", "Juanita", "Judith", "Judy", "Julia", "Julianne", "Julie", "June", "Kamala", "Kara",
    "Karen", "Karina", "Kate", "Katherine", "Kathleen", "Kathryn", "Kathy", "Katie", "Katrina", "Katy", "Kay",
    "Kayla", "Keisha", "Kelly", "Kellyanne", "Kendra", "Kimberly", "Kirsten", "Krista", "Kristen", "Kristin", "Lana",
    "Lara", "Latoya", "Laura", "Lauren", "Leah", "Leila", "Lena", "Leslie", "Lila", "Lillian", "Lily", "Linda",
    "Lindsey", "Lisa", "Liz", "Lois", "Loretta", "Lori", "Lorraine", "Louise", "Lucia", "Lucille", "Lucy", "Lydia",
    "Lynette", "Lynn", "Mabel", "Madeleine", "Madonna", "Mae", "Maggie", "Malala", "Mandy", "Marcia", "Margaret",
    "Margo", "Maria", "Marie", "Marilyn", "Marine", "Marion", "Marjorie", "Marlene", "Marsha", "Martha", "Mary",
    "Maureen", "Maxine", "Meghan", "Megyn", "Melania", "Melanie", "Melissa", "Mercedes", "Meredith", "Meryl", "Mia",
    "Michele", "Michelle", "Mika", "Mildred", "Millie", "Miranda", "Molly", "Mona", "Monica", "Muriel", "Myra",
    "Nadia", "Nancy", "Naomi", "Natalie", "Nellie", "Nicole", "Nikki", "Nina", "Nita", "Nora", "Norma", "Olga",
    "Olivia", "Omarosa", "Oprah", "Paige", "Pam", "Pamela", "Patricia", "Patsy", "Paula", "Peggy", "Penny",
    "Phyllis", "Polly", "Priscilla", "Rachael", "Rachel", "Ramona", "Rebecca", "Regina", "Renee", "Rhonda", "Rita",
    "Roberta", "Robin", "Robyn", "Rochelle", "Ronda", "Rosa", "Rosalind", "Rosario", "Rose", "Rosemary", "Rosie",
    "Roxanne", "Ruby", "Ruth", "Sabrina", "Sadie", "Sally", "Samantha", "Sandra", "Sara", "Sarah", "Savannah",
    "Selena", "Serena", "Shanna", "Shannon", "Sharon", "Sheila", "Shelby", "Shelley", "Sherry", "Sheryl", "Shirley",
    "Sierra", "Simone", "Sofia", "Sonia", "Sonya", "Sophia", "Stacey", "Stella", "Stephanie", "Sue", "Susan",
    "Susie", "Suu", "Suzanne", "Sylvia", "Tamara", "Tammy", "Tanya", "Tara", "Teresa", "Terri", "Thelma", "Theresa",
    "Tiffany", "Tina", "Toni", "Tracey", "Trisha", "Tulsi", "Tyresha", "Ursula", "Valeria", "Valerie", "Vanessa",
    "Vera", "Veronica", "Vicki", "Vickie", "Victoria", "Viola", "Violet", "Virginia", "Vivian", "Wanda", "Wendy",
    "Whitney", "Wilma", "Yolanda", "Yvonne", "Zoe", NULL};

static const char *const MALE[] = {
    "Aaron", "Abdul", "Abraham", "Adam", "Adrian", "Ahmed", "Ajit", "Al", "Alan", "Albert", "Alex", "Alexander",
    "Alfred", "Ali", "Allen", "Anderson", "Andre", "Andrew", "Andy", "Angel", "Angelo", "Anthony", "Antonio", "Ari",
    "Arthur", "Ashton", "Austin", "Barack", "Barry", "Bashar", "Ben", "Benjamin", "Benny", "Bernard", "Bernie",
    "Beto", "Bibi", "Bill", "Billy", "Blake", "Bob", "Bobby", "Boris", "Brad", "Bradley", "Brandon", "Brendan",
    "Brent", "Bret", "Brett", "Brian", "Brit", "Bruce", "Bryan", "Byron", "Calvin", "Cameron", "Carl", "Carlos",
    "Carter", "Cecil", "Chad", "Charles", "Charlie", "Chester", "Chris", "Christopher", "Chuck", "Clarence", "Clay",
    "Clayton", "Cliff", "Clifford", "Clint", "Cody", "Cole", "Colin", "Connor", "Corey", "Cory", "Craig", "Curtis",
    "Dale", "Dallas", "Damon", "Dan", "Daniel", "Danny", "Darrell", "Darren", "Dave", "David", "Dean", "Dennis",
    "Derek", "Derrick", "Deval", "Devin", "Dick", "Dmitry", "Dominic", "Don", "Donald", "Donnie", "Doug", "Douglas",
    "Duane", "Dustin", "Dwight", "Earl", "Ed", "Eddie", "Edgar", "Edward", "Edwin", "Eli", "Elijah", "Elliot",
    "Elliott", "Emmanuel", "Enrique", "Eric", "Ernest", "Ethan", "Eugene", "Evan", "Felix", "Fidel", "Floyd",
    "Francis", "Francois", "Frank", "Franklin", "Fred", "Freddie", "Frederick", "Garrett", "Gary", "Gavin", "Gene",
    "Geoffrey", "George", "Gilbert", "Glen", "Glenn", "Gordon", "Gov", "Graham", "Grant", "Greg", "Gregory", "Guy",
    "Hamid", "Hank", "Hannity", "Harold", "Harry", "Harvey", "Hassan", "Hector", "Henry", "Herbert", "Herman",
    "Homer", "Horace", "Howard", "Hugo", "Humayun", "Hunter", "Hussein", "Ian", "Igor", "Isaac", "Ismail", "Ivan",
    "Jack", "Jacob", "Jake", "Jakob", "Jamal", "James", "Jamie", "Jared", "Jason", "Javier", "Jay", "Jeb", "Jeff",
    "Jeffrey", "Jeh", "Jeremy", "Jerome", "Jerry", "Jesse", "Jim", "Jimmy", "Joe", "Joel", "John", "Johnny", "Jon",
    "Jonah", "Jonathan", "Jordan", "Jorge", "Jose", "Joseph", "Josh", "Joshua", "Juan", "Julian", "Julius", "Justin",
    "Kanye", "Kareem", "Karl", "Keith", "Kellyanne_", "Ken", "Kenneth", "Kenny", "Kent", "Kevin", "Khaled", "Khalid",
    "Khizr", "Kim", "Kirk", "Kofi", "Kurt", "Kyle", "Lamar", "Lance", "Larry", "Lawrence", "Lee", "Leo", "Leon",
    "Leonard", "Leroy", "Lester", "Lewis", "Lindsey", "Lloyd", "Logan", "Lonnie", "Lou", "Louis", "Lucas", "Luis",
    "Luke", "Mahmoud", "Malcolm", "Manuel", "Marc", "Marco", "Marcus", "Mario", "Mark", "Marshall", "Martin",
    "Marvin", "Mason", "Matt", "Matthew", "Maurice", "Max", "Melvin", "Micah", "Michael", "Miguel", "Mike", "Milton",
    "Mitch", "Mitchell", "Mitt", "Moe", "Mohammed", "Morris", "Mousa", "Muhammad", "Naftali", "Narendra", "Nathan",
    "Nathaniel", "Neal", "Neil", "Nelson", "Newt", "Nicholas", "Nick", "Nicolas", "Nigel", "Noah", "Norman",
    "Oliver", "Omar", "Orrin", "Oscar", "Otis", "Owen", "Pablo", "Pat", "Patrick", "Paul", "Perry", "Pete", "Peter",
    "Phil", "Philip", "Pierre", "Preston", "Quentin", "Rahm", "Ralph", "Ramon", "Rand", "Randall", "Randy", "Raul",
    "Ray", "Raymond", "Recep", "Reggie", "Reginald", "Reince", "Rex", "Reza", "Ricardo", "Richard", "Rick", "Ricky",
    "Rince", "Rob", "Robby", "Robert", "Rodney", "Roger", "Roland", "Roman", "Ron", "Ronald", "Ronnie", "Ross",
    "Roy", "Rudolph", "Rudy", "Rush", "Russ", "Russell", "Ryan", "Sal", "Salvador", "Sam", "Samuel", "Sanjay",
    "Scott", "Scotty", "Sean", "Sergei", "Sergey", "Sergio", "Seth", "Shane", "Shawn", "Sheldon", "Shinzo", "Sidney",
    "Simon", "Spencer", "Spike", "Stan", "Stanley", "Stephen", "Steve", "Steven", "Stuart", "Ted", "Teddy",
    "Terence", "Terrence", "Terry", "Theodore", "Thomas", "Tim", "Timothy", "Toby", "Todd", "Tom", "Tommy", "Tony",
    "Travis", "Trent", "Trevor", "Trey", "Troy", "Tucker", "Tyler", "Tyrone", "Van", "Vernon", "Vic", "Victor",
    "Vince", "Vincent", "Vladimir", "Wade", "Wallace", "Walter", "Warren", "Wayne", "Wes", "Wesley", "Wilbur",
    "Will", "William", "Willie", "Wilson", "Wolf", "Xavier", "Xi", "Yair", "Zach", "Zachary", NULL};

int stance_names_lists_sorted(void)
{
    const char *const *lists[] = {TITLES, STOP, FEMALE, MALE};
    size_t counts[] = {sizeof TITLES / sizeof *TITLES - 1, sizeof STOP / sizeof *STOP - 1,
                       sizeof FEMALE / sizeof *FEMALE - 1, sizeof MALE / sizeof *MALE - 1};
    for (size_t l = 0; l < 4; l++)
        for (size_t i = 1; i < counts[l]; i++)
            if (strcmp(lists[l][i - 1], lists[l][i]) >= 0)
                return 0;
    return 1;
}

int stance_names_is_title(const char *w, size_t n)
{
    return in_list(TITLES, w, n);
}

int stance_names_is_first_name(const char *w, size_t n)
{
    return in_list(FEMALE, w, n) || in_list(MALE, w, n);
}

int stance_names_is_stopword(const char *w, size_t n)
{
    return in_list(STOP, w, n);
}

static int is_space_at(const char *t, size_t i, size_t e)
{
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t')
        return 1;
    return c == 0xC2 && i + 1 < e && (unsigned char)t[i + 1] == 0xA0;
}

static size_t space_len(const char *t, size_t i, size_t e)
{
    return (unsigned char)t[i] == 0xC2 && i + 1 < e ? 2 : 1;
}

/* Next token of [*i, e): skips spaces, returns 0 at the end. */
static int next_tok(const char *t, size_t *i, size_t e, size_t *ts, size_t *te)
{
    size_t k = *i;
    while (k < e && is_space_at(t, k, e))
        k += space_len(t, k, e);
    if (k >= e)
        return 0;
    *ts = k;
    while (k < e && !is_space_at(t, k, e))
        k++;
    *te = k;
    *i = k;
    return 1;
}

static int cmp_word(const char *w, size_t n, const char *entry)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)w[i], y = (unsigned char)entry[i];
        /* The entry ended: the word is longer, even if its byte here is a NUL
         * (comparing on would read past the entry). */
        if (y == 0)
            return 1;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return entry[n] ? -1 : 0;
}

/* Every token looked up once: a title, a capitalised function word, or neither. */
#define TK_TITLE 1u
#define TK_STOP 2u
static unsigned tok_kind(const char *w, size_t n)
{
    unsigned k = 0;
    unsigned char c = (unsigned char)w[0];
    if (c < 'A' || c > 'Z')
        return 0; /* every listed word starts with an ASCII capital */
    if (in_list(TITLES, w, n))
        k |= TK_TITLE;
    if (in_list(STOP, w, n))
        k |= TK_STOP;
    return k;
}

/* A word that opens a sentence, not the name after it: a reporting verb of an
 * inverted attribution ("Said Jane Roe, ...", but not the surname in "Edward
 * Said", which comes last) or a capitalised sentence adverb that is no first
 * name ("Certainly", not "Kelly"). */
static int sentence_opener(const char *w, size_t n)
{
    if (n == 4 && (memcmp(w, "Said", 4) == 0 || memcmp(w, "Adds", 4) == 0))
        return 1;
    return n >= 6 && w[n - 2] == 'l' && w[n - 1] == 'y' && !stance_names_is_first_name(w, n);
}

unsigned stance_names_bare(const char *t, size_t *s, size_t *e, size_t *last)
{
    size_t ts[16], te[16];
    unsigned kind[16], nt = 0, first, lastt, n;
    size_t i;
    size_t end = *e;
    while (end > *s && is_space_at(t, end - 1, end))
        end--;
    /* Drop a party/state suffix and a possessive. */
    if (end > *s && t[end - 1] == ')') {
        size_t k = end;
        while (k > *s && t[k - 1] != '(')
            k--;
        if (k > *s)
            end = k - 1;
        while (end > *s && (t[end - 1] == ' ' || (unsigned char)t[end - 1] == 0xA0)) {
            end--;
            if ((unsigned char)t[end] == 0xA0 && end > *s)
                end--;
        }
    }
    if (end >= *s + 2 && t[end - 2] == '\'' && (t[end - 1] == 's' || t[end - 1] == 'S'))
        end -= 2;
    else if (end >= *s + 4 && memcmp(t + end - 4, "\xE2\x80\x99s", 4) == 0)
        end -= 4;
    else if (end >= *s + 1 && t[end - 1] == '\'')
        end -= 1;
    i = *s;
    while (nt < 16 && next_tok(t, &i, end, &ts[nt], &te[nt])) {
        size_t l = te[nt] - ts[nt];
        if (nt > 0 && ((l == 3 && (memcmp(t + ts[nt], "Jr.", 3) == 0 || memcmp(t + ts[nt], "Sr.", 3) == 0)) ||
                       ((l == 2 || l == 3) && (memcmp(t + ts[nt], "Jr", 2) == 0 || memcmp(t + ts[nt], "II", 2) == 0))))
            break;
        kind[nt] = tok_kind(t + ts[nt], l);
        nt++;
    }
    if (nt == 0 || nt == 16)
        return 0;
    /* leading titles, function words and sentence openers */
    first = 0;
    while (first < nt && (kind[first] || (first + 1 < nt && sentence_opener(t + ts[first], te[first] - ts[first]))))
        first++;
    if (first == nt) {
        /* "Mr. King", "Pope": a title word can be the name itself, a function word cannot */
        if (kind[nt - 1] & TK_STOP)
            return 0;
        first = nt - 1;
    }
    /* "Interim DNC Chairwoman Donna Brazile": the name starts after the last title */
    for (unsigned k = first; k + 1 < nt; k++)
        if (kind[k] & TK_TITLE)
            first = k + 1;
    /* Headlines in title case are not names: "Clinton Goes After Trump As ..." */
    for (unsigned k = first + 1; k < nt; k++)
        if ((kind[k] & TK_STOP) && !(te[k] - ts[k] == 3 && memcmp(t + ts[k], "Mrs", 3) == 0))
            return 0;
    lastt = nt - 1;
    n = nt - first;
    if (n > 5)
        return 0;
    {
        size_t bs = ts[first], be = te[lastt];
        while (be > bs && (t[be - 1] == ',' || t[be - 1] == ':'))
            be--;
        *s = bs;
        *e = be;
    }
    if (last)
        *last = ts[lastt];
    return n;
}

int stance_names_gender(const char *t, size_t s, size_t e)
{
    size_t i = s, ts, te;
    /* Titles just before the bare name are not inside [s, e): look back one word. */
    if (s >= 4) {
        size_t k = s;
        while (k > 0 && t[k - 1] == ' ')
            k--;
        if (k >= 4 && memcmp(t + k - 4, "Mrs.", 4) == 0)
            return STANCE_G_FEMALE;
        if (k >= 3 && memcmp(t + k - 3, "Ms.", 3) == 0)
            return STANCE_G_FEMALE;
        if (k >= 3 && memcmp(t + k - 3, "Mr.", 3) == 0)
            return STANCE_G_MALE;
        if (k >= 4 && memcmp(t + k - 4, "Miss", 4) == 0)
            return STANCE_G_FEMALE;
        if (k >= 13 && memcmp(t + k - 13, "Congresswoman", 13) == 0)
            return STANCE_G_FEMALE;
    }
    if (next_tok(t, &i, e, &ts, &te) && i < e) {
        int f = in_list(FEMALE, t + ts, te - ts), m = in_list(MALE, t + ts, te - ts);
        if (f != m) /* a name on both lists (Lindsey) leaves it to the pronouns */
            return f ? STANCE_G_FEMALE : STANCE_G_MALE;
    }
    return STANCE_G_UNKNOWN;
}

int stance_names_pronoun(const char *t, size_t s, size_t e, int *gender)
{
    /* sorted, like every list searched with in_list() */
    static const char *const M[] = {"HE", "He", "he", NULL};
    static const char *const F[] = {"SHE", "She", "she", NULL};
    static const char *const O[] = {"I", "It", "They", "We", "it", "they", "we", NULL};
    size_t n = e - s;
    if (in_list(M, t + s, n)) {
        *gender = STANCE_G_MALE;
        return 1;
    }
    if (in_list(F, t + s, n)) {
        *gender = STANCE_G_FEMALE;
        return 1;
    }
    if (in_list(O, t + s, n)) {
        *gender = STANCE_G_UNKNOWN;
        return 2;
    }
    return 0;
}

void stance_namelist_clear(stance_namelist *l)
{
    stance_free(l->v);
    stance_free(l->by_last);
    memset(l, 0, sizeof *l);
}

/* qsort has no user pointer; sort (surname key, index) pairs whose key is a
 * pointer into the text, kept in a temporary array. */
typedef struct keyed {
    const char *k;
    size_t n;
    unsigned ntok;
    size_t pos;
    size_t idx;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->k, y->k, m);
    if (c)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    if (x->ntok != y->ntok)
        return x->ntok > y->ntok ? -1 : 1; /* most tokens first */
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int stance_names_scan(const pcre2_code *pat, pcre2_match_context *mctx, pcre2_general_context *gctx,
                      const char *text, size_t len, stance_namelist *out, stance_error *err)
{
    pcre2_match_data *md = pcre2_match_data_create(1, gctx);
    keyed *tmp = NULL;
    size_t pos = 0;
    int rc = STANCE_OK;
    if (!md)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    while (pos < len) {
        int m;
        PCRE2_SIZE *ov;
        size_t s, e, last;
        unsigned nt;
        /* Only a capital (or a non-ASCII letter) at the start of a word can
         * start a run: find the next one in C, then match anchored there. */
        {
            const unsigned char *u = (const unsigned char *)text;
            while (pos < len) {
                unsigned char ch = u[pos];
                if ((ch >= 'A' && ch <= 'Z') || ch >= 0xC3) {
                    unsigned char pb = pos ? u[pos - 1] : ' ';
                    if (!((pb >= 'a' && pb <= 'z') || (pb >= 'A' && pb <= 'Z') || (pb >= '0' && pb <= '9') ||
                          pb == '\'' || pb == '-' || pb == '_' || pb == '@' || pb == '#'))
                        break;
                }
                pos++;
            }
            if (pos >= len)
                break;
            /* "The", "But", "He" before a lowercase word start no name: skip them without matching */
            {
                size_t we = pos;
                while (we < len && ((u[we] >= 'a' && u[we] <= 'z') || (u[we] >= 'A' && u[we] <= 'Z')))
                    we++;
                if (we < len && we > pos && u[we] == ' ' && we + 1 < len && u[we + 1] >= 'a' && u[we + 1] <= 'z' &&
                    (tok_kind(text + pos, we - pos) & TK_STOP)) {
                    pos = we;
                    continue;
                }
            }
        }
        {
            /* Fast path: a single capitalised ASCII word followed by a lowercase word
             * or punctuation is a run of its own; the pattern is for the rest. */
            static const char *const PARTICLE_WORDS[] = {"al", "bin", "da", "das", "de", "del", "della", "den",
                                                          "der", "di", "dos", "du", "el", "ibn", "la", "le",
                                                          "van", "von", NULL};
            const unsigned char *u = (const unsigned char *)text;
            size_t ws = pos, we = pos;
            int fast = 0;
            /* capitalised ASCII words separated by single spaces */
            while (ws < len && u[ws] >= 'A' && u[ws] <= 'Z') {
                we = ws + 1;
                while (we < len && ((u[we] >= 'a' && u[we] <= 'z') || (u[we] >= 'A' && u[we] <= 'Z')))
                    we++;
                if (we - ws < 2)
                    break;
                if (we >= len || u[we] == ',' || u[we] == ';' || u[we] == ':' || u[we] == '!' || u[we] == '?' ||
                    u[we] == ')' || u[we] == '\n') {
                    fast = 1;
                    break;
                }
                if (u[we] != ' ' || we + 1 >= len)
                    break;
                if (u[we + 1] >= 'a' && u[we + 1] <= 'z') {
                    size_t pe = we + 1;
                    while (pe < len && u[pe] >= 'a' && u[pe] <= 'z')
                        pe++;
                    fast = !stance_names_in_sorted(PARTICLE_WORDS, sizeof PARTICLE_WORDS / sizeof *PARTICLE_WORDS - 1,
                                      text + we + 1, pe - we - 1);
                    break;
                }
                ws = we + 1;
            }
            if (fast) {
                s = pos;
                e = we;
            } else {
                m = pcre2_match(pat, (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, md, mctx); /* \\G: anchored */
                if (m == PCRE2_ERROR_NOMATCH || (m < 0 && stance_pcre2_status(m) != STANCE_ERR_NOMEM)) {
                    /* no run here (or a limit): skip one character and go on */
                    pos++;
                    while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
                        pos++;
                    continue;
                }
                if (m < 0) {
                    rc = stance_pcre2_error(err, m, pos, "name matching");
                    goto out;
                }
                ov = pcre2_get_ovector_pointer(md);
                s = ov[0];
                e = ov[1];
            }
        }
        pos = e > s ? e : s + 1;
        while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos++;
        {
            size_t bs = s, be = e;
            nt = stance_names_bare(text, &bs, &be, &last);
            if (!nt)
                continue;
            if (stance_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v)) {
                rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
                goto out;
            }
            out->v[out->n].start = s;
            out->v[out->n].end = e;
            out->v[out->n].bare = bs;
            out->v[out->n].last = last;
            out->v[out->n].last_end = be;
            out->v[out->n].ntok = nt;
            out->v[out->n].gender = stance_names_gender(text, bs, be);
            out->n++;
        }
    }
    if (out->n) {
        tmp = stance_malloc_array(out->n, sizeof *tmp);
        stance_free(out->by_last);
        out->by_last = stance_malloc_array(out->n, sizeof *out->by_last);
        if (!tmp || !out->by_last) {
            rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
            goto out;
        }
        for (size_t i = 0; i < out->n; i++) {
            tmp[i].k = text + out->v[i].last;
            tmp[i].n = out->v[i].last_end - out->v[i].last;
            tmp[i].ntok = out->v[i].ntok;
            tmp[i].pos = out->v[i].start;
            tmp[i].idx = i;
        }
        qsort(tmp, out->n, sizeof *tmp, keyed_cmp);
        for (size_t i = 0; i < out->n; i++)
            out->by_last[i] = tmp[i].idx;
    }
out:
    stance_free(tmp);
    pcre2_match_data_free(md);
    return rc;
}

static int key_cmp(const char *text, const stance_name *nm, const char *k, size_t kn)
{
    size_t n = nm->last_end - nm->last, m = n < kn ? n : kn;
    int c = memcmp(text + nm->last, k, m);
    if (c)
        return c;
    return n == kn ? 0 : n < kn ? -1 : 1;
}

long stance_names_canonical(const stance_namelist *l, const char *text, size_t s, size_t e, size_t last)
{
    size_t lo = 0, hi = l->n, blen = e - s;
    const char *k = text + last;
    size_t kn = e - last;
    unsigned want;
    {
        size_t a = s, b = e, lt;
        want = stance_names_bare(text, &a, &b, &lt);
    }
    if (!l->n)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_cmp(text, &l->v[l->by_last[mid]], k, kn) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Candidates with this surname, most tokens first, then in text order. */
    for (size_t i = lo, seen = 0; i < l->n && seen < 64; i++, seen++) {
        const stance_name *nm = &l->v[l->by_last[i]];
        size_t cl = nm->last_end - nm->bare;
        if (key_cmp(text, nm, k, kn) != 0)
            break;
        if (nm->ntok <= want)
            return -1;
        /* The candidate must end with the whole bare name. */
        if (cl > blen && memcmp(text + nm->last_end - blen, text + s, blen) == 0 &&
            (text[nm->last_end - blen - 1] == ' ' || (unsigned char)text[nm->last_end - blen - 1] == 0xA0))
            return (long)l->by_last[i];
    }
    return -1;
}
