-- A document's study design (evidence level), as its contributor or a curator confirmed it: one of StudyDesign's
-- stable codes (portal-indexer), repeated here so that no path can store what the API would refuse. Null until
-- someone confirms one; what the rules suggest from the file is not stored here.
ALTER TABLE documents ADD COLUMN study_design text
    CONSTRAINT documents_study_design_code CHECK (study_design IN ('systematic_review', 'randomised_trial', 'cohort',
        'case_control', 'cross_sectional', 'qualitative', 'case_report', 'modelling', 'guideline',
        'operating_procedure', 'other'));
