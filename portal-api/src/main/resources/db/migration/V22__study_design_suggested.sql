-- The study design that StudyDesignRules (portal-indexer) suggested from the file's text when it was last processed,
-- and the cue phrase that weighed most, for the contributor to see why. Kept apart from study_design, which only a
-- person sets: a suggestion never becomes the confirmed design by itself. Null when the rules suggested nothing.
ALTER TABLE documents
    ADD COLUMN study_design_suggested text
        CONSTRAINT documents_study_design_suggested_code CHECK (study_design_suggested IN ('systematic_review',
            'randomised_trial', 'cohort', 'case_control', 'cross_sectional', 'qualitative', 'case_report', 'modelling',
            'guideline', 'operating_procedure', 'other')),
    ADD COLUMN study_design_cue text
        CONSTRAINT documents_study_design_cue_length CHECK (char_length(study_design_cue) <= 200);
