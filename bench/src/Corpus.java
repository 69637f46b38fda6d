import java.util.Random;

/** Names, descriptions and READMEs that read like the ones people write, skewed the way a hub is. */
final class Corpus {

    private final Random random;

    Corpus(long seed) {
        random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A repository name: "nginx-proxy", "billing-api", "postgres", "my-flask-app". */
    String repoName() {
        String tech = Words.pickSkewed(random, Words.TECH);
        return switch (random.nextInt(10)) {
            case 0, 1 -> tech;
            case 2, 3, 4 -> tech + "-" + Words.pick(random, Words.ROLE);
            case 5, 6 -> Words.pick(random, Words.PROJECT) + "-" + Words.pick(random, Words.ROLE);
            case 7 -> Words.pick(random, Words.PROJECT) + "-" + tech;
            case 8 -> Words.pick(random, Words.PROJECT) + "_" + tech + "_" + Words.pick(random, Words.ROLE);
            default -> Words.pick(random, Words.PROJECT) + "-" + tech + "-" + Words.pick(random, Words.ROLE);
        };
    }

    String userName() {
        String first = Words.pick(random, Words.FIRST);
        return switch (random.nextInt(4)) {
            case 0 -> first + Words.pick(random, Words.LAST);
            case 1 -> first.charAt(0) + Words.pick(random, Words.LAST) + random.nextInt(100);
            case 2 -> first + random.nextInt(10_000);
            default -> first + Words.pick(random, Words.LAST) + random.nextInt(1000);
        };
    }

    String orgName() {
        String base = random.nextBoolean() ? Words.pick(random, Words.PROJECT) : Words.pick(random, Words.LAST);
        return base + Words.pick(random, Words.ORG_WORD) + (random.nextInt(3) == 0 ? "" : random.nextInt(1000));
    }

    /** At most 100 characters; one in seven repositories has none. */
    String description(String name) {
        if (random.nextInt(7) == 0) {
            return "";
        }
        String text = Words.pick(random, Words.ADJECTIVE) + " " + name.replace('-', ' ').replace('_', ' ') + " image "
                + Words.pick(random, Words.PURPOSE);
        return text.length() <= 100 ? text : text.substring(0, 100);
    }

    /** Most repositories have no README; some a paragraph; a few several sections. */
    String readme(String fullName, String description) {
        return readme(fullName, description, random.nextInt(20));
    }

    /** {@code kind} 0–8: none; 9–15: a paragraph and usage; 16–19: several sections. */
    String readme(String fullName, String description, int kind) {
        if (kind < 9) {
            return "";
        }
        StringBuilder md = new StringBuilder("# ").append(fullName).append("\n\n");
        md.append(description.isEmpty() ? "An image for " + Words.pick(random, Words.TECH) : description).append(". ");
        md.append("Based on ").append(Words.pick(random, Words.OFFICIAL)).append(", it runs ")
                .append(Words.pick(random, Words.TECH)).append(' ').append(Words.pick(random, Words.PURPOSE)).append(".\n\n");
        md.append("## Usage\n\n```sh\ndocker run -d -p 8080:8080 ").append(fullName).append("\n```\n");
        if (kind < 16) {
            return md.toString();
        }
        md.append("\n## Configuration\n\n| variable | meaning |\n|---|---|\n");
        for (int i = 0; i < 3 + random.nextInt(6); i++) {
            String tech = Words.pick(random, Words.TECH);
            md.append("| `").append(tech.toUpperCase().replace('-', '_')).append("_URL` | where ").append(tech)
                    .append(" listens, ").append(Words.pick(random, Words.PURPOSE)).append(" |\n");
        }
        md.append("\n## Why\n\n");
        for (int i = 0; i < 2 + random.nextInt(4); i++) {
            md.append("We use ").append(Words.pick(random, Words.TECH)).append(" and ")
                    .append(Words.pick(random, Words.TECH)).append(' ').append(Words.pick(random, Words.PURPOSE))
                    .append(", so the ").append(Words.pick(random, Words.PROJECT)).append(' ')
                    .append(Words.pick(random, Words.ROLE)).append(" stays small and easy to upgrade. ");
        }
        md.append("\n\n## License\n\nMIT\n");
        return md.toString();
    }

    /** Pulls follow a power law: most images have a handful, a few have millions. */
    long pulls() {
        double u = 1 - random.nextDouble();
        return (long) (5 * (Math.pow(u, -1.2) - 1));
    }

    /** Stars grow slower than pulls, and most images have none. */
    int stars(long pulls) {
        return (int) (Math.pow(pulls, 0.55) * random.nextDouble() * 0.25);
    }
}
