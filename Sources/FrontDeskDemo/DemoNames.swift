// Name pools for demo patients, from several cultures, written as their bearers write them.

/// Given and family names of one culture, and how often it appears in the demo facility.
struct NamePool: Sendable {
    let culture: String
    let weight: Int
    let female: [String]
    let male: [String]
    let family: [String]
}

enum DemoNames {
    static let pools: [NamePool] = [
        NamePool(culture: "Kenyan", weight: 30,
                 female: ["Wanjiku", "Akinyi", "Achieng", "Njeri", "Nyambura", "Chebet", "Wambui", "Atieno", "Mumbua", "Faith", "Mercy", "Grace"],
                 male: ["Kamau", "Otieno", "Mwangi", "Kipchoge", "Ochieng", "Njoroge", "Kiprono", "Mutua", "Odhiambo", "Brian", "Dennis", "Kevin"],
                 family: ["Kamau", "Otieno", "Mwangi", "Wafula", "Kiptoo", "Njoroge", "Omondi", "Mutua", "Wekesa", "Chege", "Kariuki", "Odhiambo", "Koech", "Cherono"]),
        NamePool(culture: "Yoruba and Igbo", weight: 12,
                 female: ["Adébísí", "Ọlọ́wọ̀", "Folákẹ́", "Ngozi", "Chiamaka", "Adaeze", "Yétúndé", "Amina", "Ifeoma", "Títílọ́pẹ́"],
                 male: ["Adébáyọ̀", "Olúwaseun", "Chukwuemeka", "Babátúndé", "Ìbúkún", "Obinna", "Kẹ́hìndé", "Tèmítọ́pẹ́", "Nnamdi"],
                 family: ["Okafor", "Adéyẹmí", "Ògúnlẹ́yẹ", "Eze", "Nwosu", "Balógun", "Okonkwo", "Adébáyọ̀", "Ọlọ́wọ̀"]),
        NamePool(culture: "Vietnamese", weight: 6,
                 female: ["Thị Ánh", "Thị Hồng", "Ngọc Lan", "Thu Hà", "Minh Châu", "Bích Ngọc"],
                 male: ["Văn Hùng", "Minh Tuấn", "Quốc Bảo", "Đức Anh", "Thành Long", "Hữu Phước"],
                 family: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng"]),
        NamePool(culture: "Arabic", weight: 10,
                 female: ["فاطمة", "عائشة", "مريم", "Fatuma", "Zainab", "Khadija", "Amina", "Layla"],
                 male: ["محمد", "أحمد", "Mohamed", "Abdullahi", "Hassan", "Omar", "Yusuf", "Ali"],
                 family: ["محمد", "الحسن", "Abdi", "Hussein", "Farah", "Osman", "Said", "Mohamed"]),
        NamePool(culture: "Chinese", weight: 5,
                 female: ["秀英", "丽", "静", "Mei", "Xiu Ying", "Li Na"],
                 male: ["伟", "强", "磊", "Wei", "Jun", "Hao"],
                 family: ["王", "李", "张", "Wang", "Li", "Zhang", "Chen", "Liu"]),
        NamePool(culture: "South Asian", weight: 10,
                 female: ["Priya", "Anjali", "Sunita", "Kavita", "Aisha", "Lakshmi", "Deepa"],
                 male: ["Rahul", "Amit", "Sanjay", "Vikram", "Arjun", "Imran", "Rajesh"],
                 family: ["Patel", "Shah", "Sharma", "Singh", "Kumar", "Gupta", "Mehta", "Iyer"]),
        NamePool(culture: "European", weight: 12,
                 female: ["María José", "Zoë", "Chloé", "Inés", "Ingrid", "Anna", "Émilie", "Małgorzata", "Siobhán"],
                 male: ["José", "Mesut", "François", "Jürgen", "Łukasz", "John", "Seán", "Björn", "Søren", "Nicolás"],
                 family: ["Özil", "Müller", "García", "Müller-Lüdenscheidt", "O'Brien", "Kowalski", "Dubois", "Smith", "Brown", "Peña"]),
        NamePool(culture: "East African Swahili", weight: 15,
                 female: ["Neema", "Rehema", "Zawadi", "Imani", "Baraka", "Subira", "Upendo", "Tumaini"],
                 male: ["Juma", "Baraka", "Jabari", "Hamisi", "Rashidi", "Salim", "Bakari", "Athumani"],
                 family: ["Mwakasege", "Mushi", "Massawe", "Kimaro", "Lyimo", "Swai", "Mollel", "Mrema"]),
    ]
}
