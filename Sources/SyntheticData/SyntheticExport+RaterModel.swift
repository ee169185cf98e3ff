import Spiegel

/// The rater model: who fills in which form, how good each wpb and school is, and how lenient
/// each kind of rater is. Traits come from streams keyed by identity, so they agree across files.
extension SyntheticExport {
    /// Someone filling in a form, with the offset they add to what they see.
    struct Rater {
        var email: String
        var name: String
        var bias: Double
    }

    /// Stream tags, so that no two kinds of trait draw from the same stream.
    private enum Stream: UInt64 {
        case supervisorTraits = 4, areaOffset, schoolEffect, schoolTraits, studentCount, studentName, raterBias
    }

    private func stream(_ tag: Stream, _ parts: UInt64...) -> SeededGenerator {
        SeededGenerator(seed: SeededGenerator.derive(seed, [tag.rawValue] + parts))
    }

    private var schoolYearIndex: Int { waveIndex / 2 }

    // MARK: Who answers

    /// The forms of this source in this wave: who is asked, and who responds. Per wpb and wave
    /// that is 0.93 self-scans, 1.6 × 0.94 student forms and 0.9 schoolopleider forms, about 3.3
    /// forms, so 20,000 wpbs give about 70,000 forms a wave with the school scans.
    func makeUnits() -> [FormUnit] {
        var units: [FormUnit] = []
        let role = source.role
        if instrument.subjectKind == .supervisor {
            units.reserveCapacity(population.supervisors.count * (role == .student ? 2 : 1))
            for wpb in population.supervisors.indices {
                let subject = Int32(wpb)
                switch role {
                case .selfAssessment:
                    if rng.chance(0.93) { units.append(FormUnit(subject: subject, rater: 0)) }
                case .student:
                    for k in 0..<studentCount(wpb) where rng.chance(0.94) {
                        units.append(FormUnit(subject: subject, rater: Int32(k)))
                    }
                case .instituutsopleider:
                    if rng.chance(0.5) { units.append(FormUnit(subject: subject, rater: 0)) }
                default:  // the schoolopleider, and a rater group without a model of its own: one rater per wpb
                    if rng.chance(0.9) { units.append(FormUnit(subject: subject, rater: 0)) }
                }
            }
        } else {
            for school in population.schools.indices {
                let subject = Int32(school)
                switch role {
                case .selfAssessment:
                    if rng.chance(0.9) { units.append(FormUnit(subject: subject, rater: 0)) }
                    if rng.chance(0.5) { units.append(FormUnit(subject: subject, rater: 1)) }
                case .schoolopleider:
                    if rng.chance(0.7) { units.append(FormUnit(subject: subject, rater: 0)) }
                case .student:
                    if rng.chance(0.5) { units.append(FormUnit(subject: subject, rater: 0)) }
                default:  // the IO, and a rater group without a model of its own
                    if rng.chance(0.85) { units.append(FormUnit(subject: subject, rater: 0)) }
                }
            }
        }
        return units
    }

    /// One or two students per wpb, the same in both waves of a school year.
    private func studentCount(_ wpb: Int) -> Int {
        var draw = stream(.studentCount, UInt64(wpb), UInt64(schoolYearIndex))
        return draw.chance(0.4) ? 1 : 2
    }

    func rater(for unit: FormUnit) -> Rater {
        let subject = Int(unit.subject)
        let schoolIndex = instrument.subjectKind == .school ? subject : Int(population.supervisorSchool[subject])
        let school = population.schools[schoolIndex]
        let partnership = population.partnerships[school.partnership]
        switch source.role {
        case .selfAssessment:
            if instrument.subjectKind == .school {
                let member = school.team[Int(unit.rater) % school.team.count]
                var draw = stream(.raterBias, SyntheticExport.stableHash(member.email))
                return Rater(
                    email: member.email, name: member.name,
                    bias: schoolTraits(schoolIndex).teamLeniency + draw.normal(mean: 0, deviation: 0.2))
            }
            let supervisor = population.supervisors[subject]
            return Rater(email: supervisor.email, name: supervisor.name, bias: supervisorTraits(subject).leniency)
        case .student:
            let wpb = instrument.subjectKind == .school ? school.supervisors.lowerBound : subject
            let number = 2_000_000 + (schoolYearIndex * population.supervisors.count + wpb) * 2 + Int(unit.rater)
            var names = stream(.studentName, UInt64(number))
            let name = names.pick(SyntheticNames.firstNames) + " " + names.pick(SyntheticNames.lastNames)
            return Rater(
                email: "s\(number)@\(partnership.studentDomain)", name: name,
                bias: names.normal(mean: 0.15, deviation: 0.5))
        case .instituutsopleider:
            let opleiders = partnership.instituteOpleiders
            let opleider = opleiders[(schoolIndex - partnership.schools.lowerBound) % opleiders.count]
            var draw = stream(.raterBias, SyntheticExport.stableHash(opleider.email))
            return Rater(email: opleider.email, name: opleider.name, bias: draw.normal(mean: -0.05, deviation: 0.3))
        default:
            // The schoolopleider; a rater group without a model of its own is drawn from the school's staff the
            // same way, so a new role in the instruments gives generated forms without a change here.
            let local = instrument.subjectKind == .school ? 0 : subject - school.supervisors.lowerBound
            let opleider = school.schoolopleiders[local % school.schoolopleiders.count]
            var draw = stream(.raterBias, SyntheticExport.stableHash(opleider.email))
            return Rater(email: opleider.email, name: opleider.name, bias: draw.normal(mean: -0.1, deviation: 0.35))
        }
    }

    // MARK: How good the subject is

    private struct SupervisorTraits {
        var competence: Double
        var leniency: Double
        var growth: Double
    }

    private func supervisorTraits(_ wpb: Int) -> SupervisorTraits {
        var draw = stream(.supervisorTraits, UInt64(wpb))
        return SupervisorTraits(
            competence: draw.normal(mean: 4.9, deviation: 0.6),
            leniency: draw.normal(mean: 0.65, deviation: 0.45),
            growth: draw.normal(mean: 0.08, deviation: 0.06))
    }

    private func schoolTraits(_ school: Int) -> (level: Double, teamLeniency: Double) {
        var draw = stream(.schoolTraits, UInt64(school))
        return (draw.normal(mean: 4.5, deviation: 0.6), draw.normal(mean: 0.6, deviation: 0.3))
    }

    /// Sets ``areaLevels`` to the subject's true level per area in this wave, before rater bias.
    func fillAreaLevels(subject: Int32) {
        let index = Int(subject)
        if instrument.subjectKind == .school {
            let level = schoolTraits(index).level
            for area in areaKeys.indices {
                var draw = stream(.areaOffset, UInt64(index) | 1 << 40, areaKeys[area])
                areaLevels[area] = level + draw.normal(mean: 0, deviation: 0.5)
            }
            return
        }
        let traits = supervisorTraits(index)
        var schoolDraw = stream(.schoolEffect, UInt64(population.supervisorSchool[index]))
        let level = traits.competence + schoolDraw.normal(mean: 0, deviation: 0.3) + traits.growth * Double(waveIndex)
        for area in areaKeys.indices {
            var draw = stream(.areaOffset, UInt64(index), areaKeys[area])
            areaLevels[area] = level + draw.normal(mean: 0, deviation: 0.35)
        }
    }

    // MARK: When

    /// Submission times spread over the fieldwork weeks of the wave (from two months after its
    /// start, ten to eleven weeks long), in office hours 8:00–22:00, rising with the position so
    /// the export is in submission order as the tools write it.
    func fieldworkTime(position: Int, count: Int) -> LocalTime {
        let waveStart = LocalTime.daysSinceEpoch(wave.start), waveEnd = LocalTime.daysSinceEpoch(wave.end)
        let first = min(waveStart + 61, waveEnd)
        let days = max(1, min(75, waveEnd - first - 15))
        let workingDay = 14 * 3600
        let fraction = (Double(position) + rng.unit()) / Double(max(count, 1))
        let offset = Int(fraction * Double(days * workingDay))
        return LocalTime(seconds: (first + offset / workingDay) * 86_400 + 8 * 3600 + offset % workingDay)
    }
}
